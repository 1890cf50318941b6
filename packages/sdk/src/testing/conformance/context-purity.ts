import type { ProjectInput } from '../../project.js';
import { problem } from './problem.js';
import type { ConformanceProblem } from './problem.js';
import { firstDifference, sameSnapshot, snapshot } from './snapshot.js';

/** What one purity-checked `context()` call gave: the context, or nothing when it threw. */
export type ContextOutcome = { ctx: object } | { error: unknown };

/**
 * Calls a plugin's `context()` twice with the same input and holds it to its contract: it leaves
 * its input as it was and answers the same both times (core may call it more than once, and the
 * project must regenerate identically from mcc.json). A first call that throws is returned to the
 * caller to judge (a usage error is a refusal, anything else a bug).
 */
export function checkedContext(
  context: (input: ProjectInput) => object,
  input: ProjectInput,
  scenario: string,
  problems: ConformanceProblem[],
): ContextOutcome {
  const before = snapshot(input);
  let first: object;
  try {
    first = context(input);
  } catch (error) {
    return { error };
  }
  const after = snapshot(input);
  if (!sameSnapshot(before, after)) {
    problems.push(
      problem(
        'pure-context',
        `context() changed its input at ${firstDifference(before, after)} (${scenario}); it must not mutate the ProjectInput.`,
      ),
    );
  }
  let second: object;
  try {
    second = context(input);
  } catch (error) {
    problems.push(
      problem(
        'pure-context',
        `context() threw when called again with the same input (${scenario}): ${String(error)}`,
      ),
    );
    return { ctx: first };
  }
  if (!sameSnapshot(first, second)) {
    problems.push(
      problem(
        'pure-context',
        `context() answered differently for the same input, at ${firstDifference(first, second)} (${scenario}); it must be a pure function of its input.`,
      ),
    );
  }
  return { ctx: first };
}
