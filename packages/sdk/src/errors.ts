/** How an McError is classified and what it suggests; see `McError`. */
export interface McErrorOptions {
  /** Stable, documented identifier, e.g. `MODEL_NOT_FOUND`. Never reworded once published. */
  code: string;
  /** 2 for usage errors (a value that does not fit what is accepted), 1 otherwise. */
  exitCode?: 1 | 2;
  /** Short next steps, each one a sentence the user can act on. */
  suggestions?: readonly string[];
  cause?: unknown;
}

/**
 * The one error type mcc shows to users. Plugins throw it for anything a user can get wrong;
 * the CLI prints `message` and `suggestions` without a stack trace and exits with `exitCode`.
 *
 * It is recognised by its `mccError` brand field rather than `instanceof`, because the sdk can be
 * loaded twice (once by the CLI and once from a user-installed plugin's own folder).
 */
export class McError extends Error {
  /** The brand `isMcError` checks, true in every copy of the sdk. */
  readonly mccError = true as const;
  /** Stable identifier, e.g. `MODEL_NOT_FOUND`. */
  readonly code: string;
  /** 2 for usage errors, 1 otherwise. */
  readonly exitCode: 1 | 2;
  /** Next steps shown under the message. */
  readonly suggestions: readonly string[];

  constructor(message: string, options: McErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'McError';
    this.code = options.code;
    this.exitCode = options.exitCode ?? 1;
    this.suggestions = options.suggestions ?? [];
  }
}

/** A usage error: the user gave a value that is not accepted. Exit code 2. */
export function usageError(code: string, message: string, suggestions: readonly string[] = []): McError {
  return new McError(message, { code, exitCode: 2, suggestions });
}

/** True for an McError from any copy of the sdk. */
export function isMcError(value: unknown): value is McError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { mccError?: unknown }).mccError === true &&
    typeof (value as { code?: unknown }).code === 'string'
  );
}

/** Formats a list of accepted values for a message: `a, b or c`. */
export function listOf(values: readonly string[], conjunction = 'or'): string {
  if (values.length === 0) return '(none)';
  if (values.length === 1) return values[0]!;
  return `${values.slice(0, -1).join(', ')} ${conjunction} ${values[values.length - 1]!}`;
}
