import { problem } from './problem.js';
import type { ConformanceProblem } from './problem.js';

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * The brand and names every contribution carries: `kind` is what core checks a `load()` result by
 * (the `define*` helpers set it), the id is lower-case kebab-case because users type it in flags,
 * and the summary is what `mcc list` and prompts show.
 */
export function checkIdentity(
  value: { kind?: unknown; id?: unknown; summary?: unknown },
  kind: string,
  helper: string,
): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  if (value.kind !== kind) {
    problems.push(
      problem(
        'identity',
        `kind is ${JSON.stringify(value.kind)}, not "${kind}": declare it with ${helper}().`,
      ),
    );
  }
  if (typeof value.id !== 'string' || !ID.test(value.id)) {
    problems.push(
      problem('identity', `id ${JSON.stringify(value.id)} is not lower-case kebab-case (e.g. "my-server").`),
    );
  }
  if (typeof value.summary !== 'string' || value.summary.trim() === '') {
    problems.push(problem('identity', `${String(value.id)} has no summary for \`mcc list\` and prompts.`));
  }
  return problems;
}
