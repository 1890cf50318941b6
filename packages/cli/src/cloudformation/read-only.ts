/**
 * Calls that only read (pre-flight checks, lookups, waits) have no place in a template. AWS names
 * them by verb across services, so the verb decides; every other call creates or changes something.
 */
const READ_VERBS = /^(Describe|Get|List|Head|Check|Lookup|Search|Validate|Wait)[A-Z]/;

export function isReadOnly(operation: string): boolean {
  return READ_VERBS.test(operation);
}
