// Boolean query parameters as the apiserver decodes them into ListOptions, PodLogOptions and
// DeleteOptions (apimachinery runtime.Convert_Slice_string_To_bool): absent, "0" or any
// casing of "false" is false; every other value, the empty string included, is true. It
// never answers 400, so `watch=True` (the Python client) and `watch=1` both watch.
export function queryBool(params: URLSearchParams, name: string): boolean {
  const value = params.get(name);
  if (value === null) return false;
  return !(value === '0' || value.toLowerCase() === 'false');
}

/** The same rule for an optional boolean (*bool fields such as orphanDependents): undefined when absent. */
export function queryOptionalBool(params: URLSearchParams, name: string): boolean | undefined {
  return params.has(name) ? queryBool(params, name) : undefined;
}
