// RFC 7396 JSON Merge Patch: how the shared fixtures (tests/fixtures/*.json) build each case's
// request from a base. `null` removes a member; arrays and scalars replace; objects merge.
export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return structuredClone(patch);
  const out = target !== null && typeof target === "object" && !Array.isArray(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
