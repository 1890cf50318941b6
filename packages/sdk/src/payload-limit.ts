import type { ProjectInput } from './project.js';

const MIB = 1024 * 1024;

/**
 * The request-body limit a server should enforce: its own, lowered to the target's when the target
 * declares a smaller one. A body the endpoint would reject once deployed is then refused the same
 * way (413) by `do/run` and the tests, before anyone finds out in the cloud.
 */
export function payloadLimit(input: ProjectInput, serverLimitBytes: number): number {
  const cap = input.target.maxPayloadBytes;
  return cap !== undefined && cap > 0 ? Math.min(serverLimitBytes, cap) : serverLimitBytes;
}

/** A byte count as nginx's size syntax: whole mebibytes as `6m` (what people read), else bytes. */
export function nginxSize(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB}m` : String(bytes);
}

/** A byte count in words for error messages and READMEs: `6 MB` when whole, else `N bytes`. */
export function sizeInWords(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MB` : `${bytes} bytes`;
}
