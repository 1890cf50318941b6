import { isMcError } from '../../errors.js';

/**
 * Whether an error is a usage error (an McError with exit code 2): the plugin refusing a value or
 * a combination the user could change, which mcc shows as a message, as opposed to a bug.
 */
export function isUsageError(error: unknown): boolean {
  return isMcError(error) && error.exitCode === 2;
}
