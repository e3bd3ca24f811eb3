// What the live source keeps of each object it receives, as client-go's SetTransform lets an
// informer choose: everything a view reads (the table, describe, YAML) and nothing it never
// does. metadata.managedFields (server-side apply's field ownership, often the largest part
// of an object written by controllers) is dropped; kubectl hides it from `get -o yaml` and
// `describe` too. The object is ours (parsed for us alone), so it is trimmed in place.
import type { KubeObject } from '../../kube/types.js';

export function project<T extends KubeObject>(obj: T): T {
  const meta = obj?.metadata as { managedFields?: unknown } | undefined;
  if (meta && meta.managedFields !== undefined) delete meta.managedFields;
  return obj;
}
