/** Where the answer to "install this package?" comes from. */
export type ConsentDecision =
  | { action: 'allow'; reason: 'mcc-scope' | 'yes-flag' | 'ci' }
  | { action: 'ask' }
  | { action: 'refuse-no-terminal' };

export interface ConsentEnvironment {
  /** MCC_YES: set to 1 (or true) by `--yes` or by the user. */
  yes: string | undefined;
  /** CI: set by every CI service; `false` or `0` means it is not one. */
  ci: string | undefined;
  /** Whether a person can answer a question on stdin. */
  interactive: boolean;
}

const truthy = (value: string | undefined): boolean =>
  value !== undefined && value !== '' && !/^(0|false|no)$/i.test(value);

/**
 * Packages in the @mcc scope are mcc's own and install without a question. Anything else runs its
 * code inside mcc, so a person confirms it, unless they said yes up front (`--yes`, MCC_YES=1), or
 * this is CI with no terminal (the pipeline's author chose the package when writing it). With no
 * terminal outside CI nobody can answer, and installing without an answer would defeat the
 * question, so it is refused with the way to say yes.
 */
export function consentDecision(name: string | undefined, env: ConsentEnvironment): ConsentDecision {
  if (name?.startsWith('@mcc/')) return { action: 'allow', reason: 'mcc-scope' };
  if (truthy(env.yes)) return { action: 'allow', reason: 'yes-flag' };
  if (env.interactive) return { action: 'ask' };
  if (truthy(env.ci)) return { action: 'allow', reason: 'ci' };
  return { action: 'refuse-no-terminal' };
}
