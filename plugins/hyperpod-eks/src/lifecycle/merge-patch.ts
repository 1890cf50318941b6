/** A JSON value as a merge patch carries it. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON merge patch (RFC 7386) that turns `current` into `desired`. A merge patch merges nested
 * objects key by key, so sending `desired` alone would keep keys mcc no longer sets (a Hub model's
 * `huggingFaceModel` next to a new `s3Storage`, an old GPU limit): every key of `current` missing
 * from `desired` is set to null, which the patch reads as "remove". Arrays are replaced whole, as
 * merge patches always do. Keys the API server defaults come back by themselves after removal.
 */
export function replacingPatch(current: unknown, desired: unknown): Json {
  if (!isObject(current) || !isObject(desired)) return desired as Json;
  const patch: Record<string, Json> = {};
  for (const key of Object.keys(current)) {
    if (!(key in desired)) patch[key] = null;
  }
  for (const [key, value] of Object.entries(desired)) {
    patch[key] = key in current ? replacingPatch(current[key], value) : (value as Json);
  }
  return patch;
}

/**
 * The body of the PATCH that turns the stored object into `desired`: its labels, and its spec by
 * `replacingPatch`. Deploy sends it against the server's spec; the plan shows it against the spec
 * the last deploy applied, so both are this one function.
 */
export function objectPatch(
  currentSpec: unknown,
  desired: { metadata: { labels?: Record<string, string> }; spec: unknown },
): { metadata: { labels?: Record<string, string> }; spec: Json } {
  return { metadata: { labels: desired.metadata.labels }, spec: replacingPatch(currentSpec, desired.spec) };
}
