// The kubelet's applyDefaultImageTag (pkg/kubelet/images): an image that is not a valid
// docker reference (distribution/reference's grammar) is InvalidImageName, with
// `Failed to apply default image tag "X": couldn't parse image name "X": <why>`.
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);
const ANY_CASE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT.replaceAll('a-z', 'a-zA-Z')}(?:/${PATH_COMPONENT.replaceAll('a-z', 'a-zA-Z')})*(?::${TAG})?(?:@${DIGEST})?$`);

/** Why `image` is not a reference (reference.ParseNormalizedNamed's error), or undefined when it is one. */
export function imageReferenceError(image: string): string | undefined {
  if (REFERENCE.test(image)) return undefined;
  if (ANY_CASE.test(image)) {
    const name = image.replace(/@.*$/, '').replace(/:[\w][\w.-]*$/, '');
    return `invalid reference format: repository name (${name.includes('/') ? name : `library/${name}`}) must be lowercase`;
  }
  return 'invalid reference format';
}

/** The kubelet's InvalidImageName message for `image`, or undefined for a valid reference. */
export function invalidImageNameMessage(image: string): string | undefined {
  const err = imageReferenceError(image);
  return err === undefined ? undefined : `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${err}`;
}
