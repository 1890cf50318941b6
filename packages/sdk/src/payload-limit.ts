import type { ProjectInput } from './project.js';

const MIB = 1024 * 1024;

/**
 * The request-body limit a server should enforce: the endpoint type's, which the target declares
 * when it differs from a real-time endpoint's (`realTimeBytes`). A body the endpoint would reject
 * is refused the same way (413) by `do/run` and the tests, and one it takes (an asynchronous
 * endpoint's 1 GB) is not refused by a real-time limit.
 */
export function payloadLimit(input: ProjectInput, realTimeBytes: number): number {
  const limit = input.target.maxPayloadBytes;
  return limit !== undefined && limit > 0 ? limit : realTimeBytes;
}

/**
 * How long a server lets one request run: the user's `timeout` option when set, else the endpoint
 * type's (an asynchronous endpoint's hour), else the real-time default.
 */
export function requestTimeout(input: ProjectInput, option: unknown, realTimeSeconds: number): number {
  if (typeof option === 'number' && Number.isInteger(option) && option > 0) return option;
  const target = input.target.requestTimeoutSeconds;
  return target !== undefined && target > 0 ? target : realTimeSeconds;
}

/** A byte count as nginx's size syntax: whole mebibytes as `6m` (what people read), else bytes. */
export function nginxSize(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB}m` : String(bytes);
}

/** A byte count in words for error messages and READMEs: `6 MB` when whole, else `N bytes`. */
export function sizeInWords(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MB` : `${bytes} bytes`;
}
