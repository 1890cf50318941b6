/**
 * One broken rule found by a conformance check. Checks return a list of these rather than throwing
 * or asserting, so a plugin author can run them from any test runner (`expect(problems).toEqual([])`
 * in vitest, `assert.deepEqual` in node:test) and see every problem at once, not just the first.
 */
export interface ConformanceProblem {
  /** Stable rule id, e.g. `no-leftovers`; docs/plugins.md lists them. */
  rule: string;
  /** What is wrong, naming the scenario (source, format, options) it was found in. */
  message: string;
  /** The generated file (a POSIX path in the project) the problem is in, when there is one. */
  file?: string;
}

/**
 * Something a check could not verify, or chose not to: shellcheck not installed, a combination the
 * plugin refused with a usage error. Not a failure; reported through `onNote` when the caller asks.
 */
export type ConformanceNote = string;

/** Options every check takes. */
export interface CommonConformanceOptions {
  /** Receives what the check skipped and why (missing shellcheck, refused combinations). */
  onNote?: (note: ConformanceNote) => void;
}

/** Builds a problem, leaving `file` out when there is none (so results compare with `toEqual`). */
export function problem(rule: string, message: string, file?: string): ConformanceProblem {
  return file === undefined ? { rule, message } : { rule, message, file };
}
