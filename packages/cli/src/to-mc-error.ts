import { McError, isMcError } from '@mcc/sdk';

interface OclifErrorShape {
  message?: string;
  oclif?: { exit?: number };
  code?: string;
}

/**
 * Every error a command can end with, as an McError: ours pass through; oclif's flag and argument
 * errors are usage errors (exit 2); anything else is an internal error (exit 1) whose stack is shown
 * only with DEBUG.
 */
export function toMcError(error: unknown): McError {
  if (isMcError(error)) return error;
  const shape = (error ?? {}) as OclifErrorShape;
  const message = shape.message ?? String(error);
  if (
    shape.oclif?.exit === 2 ||
    /^(Unexpected argument|Nonexistent flag|Expected --|Missing required flag|Parsing --)/.test(message)
  ) {
    return new McError(message, { code: 'USAGE', exitCode: 2, suggestions: ['See `mcc <command> --help`.'] });
  }
  return new McError(message, {
    code: 'INTERNAL',
    exitCode: 1,
    cause: error,
    suggestions: ['Run again with DEBUG=mcc* for details, and report it if it persists.'],
  });
}
