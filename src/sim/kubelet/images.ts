// Image references as containerd reports them, the node's image cache, and deterministic
// pull times, sizes and digests (README, "What a simulated container does": `pull`).
import { fnv32aText } from '../../kube/fnv.js';
import type { Random } from '../random.js';

export interface ImageRef {
  /** `docker.io/library/nginx:latest` (or `…@sha256:…` when pinned by digest). */
  full: string;
  /** `docker.io/library/nginx`: the imageID is `<repository>@sha256:<digest>`. */
  repository: string;
}

/** Docker's reference normalisation: default registry docker.io, `library/` for official images, tag `latest`. */
export function normaliseImage(image: string): ImageRef {
  let rest = image.trim();
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at);
    rest = rest.slice(0, at);
  }
  let tag = '';
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon);
    rest = rest.slice(0, colon);
  }
  const firstSlash = rest.indexOf('/');
  const first = firstSlash < 0 ? '' : rest.slice(0, firstSlash);
  const hasRegistry = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasRegistry ? rest : `docker.io/${rest}`;
  if (!hasRegistry && firstSlash < 0) repository = `docker.io/library/${rest}`;
  if (digest) return { full: `${repository}${tag}${digest}`, repository };
  return { full: `${repository}${tag || ':latest'}`, repository };
}

/** The default imagePullPolicy: Always for `:latest` or no tag, else IfNotPresent. */
export function defaultPullPolicy(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const tag = colon > lastSlash ? image.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** A stable number per image (FNV-1a), for pull times and sizes that replay identically. */
export function imageHash(text: string): number {
  return fnv32aText(text);
}

/** First pull of an image on a node: 1–4 s. */
export function firstPullMs(ref: ImageRef): number {
  return 1000 + (imageHash(ref.full) % 3001);
}

/** Pull of an image the node already has (policy Always): the registry round trip only. */
export function repullMs(ref: ImageRef): number {
  return 300 + (imageHash(`${ref.full}#again`) % 701);
}

/** How long a pull that cannot succeed takes to fail. */
export const FAILED_PULL_MS = 1000;

export function imageSizeBytes(ref: ImageRef): number {
  return 2_000_000 + (imageHash(`${ref.full}#size`) % 200_000_000);
}

export function pullNotFoundError(ref: ImageRef): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
}

/** Digests per simulation (keyed by its Random), so every node reports the same imageID for an image. */
const digestsBySimulation = new WeakMap<Random, Map<string, string>>();

export function imageId(ref: ImageRef, random: Random): string {
  const pinned = /@(sha256:[0-9a-f]{64})$/.exec(ref.full);
  if (pinned) return `${ref.repository}@${pinned[1]}`;
  let digests = digestsBySimulation.get(random);
  if (!digests) {
    digests = new Map();
    digestsBySimulation.set(random, digests);
  }
  let digest = digests.get(ref.full);
  if (!digest) {
    digest = random.hex(64);
    digests.set(ref.full, digest);
  }
  return `${ref.repository}@sha256:${digest}`;
}

/** The images a node holds; lives as long as the simulation. */
export class NodeImageCache {
  private readonly images = new Set<string>();

  has(ref: ImageRef): boolean {
    return this.images.has(ref.full);
  }

  add(ref: ImageRef): void {
    this.images.add(ref.full);
  }

  /** The node forgets the image (as image garbage collection would); the next start pulls it. */
  remove(ref: ImageRef): void {
    this.images.delete(ref.full);
  }
}
