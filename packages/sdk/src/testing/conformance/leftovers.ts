import { problem } from './problem.js';
import type { ConformanceProblem } from './problem.js';

/**
 * What a value that never reached its template looks like once rendered: JavaScript's spelling of a
 * missing value or a bad number, an object printed without a helper, and EJS tags that were not
 * rendered (a `.ejs` file shipped under a name without the suffix, or a tag typo).
 */
const LEFTOVERS: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\bundefined\b/, what: '`undefined`' },
  { pattern: /\bNaN\b/, what: '`NaN`' },
  { pattern: /\[object Object\]/, what: '`[object Object]`' },
  { pattern: /<%|%>/, what: 'an unrendered EJS tag' },
];

/**
 * Looks for rendered leftovers in one generated file. Binary files (a sample data set, a model) are
 * skipped: they are copied byte for byte and may contain anything.
 */
export function findLeftovers(
  path: string,
  content: string | Buffer,
  scenario: string,
): ConformanceProblem[] {
  if (Buffer.isBuffer(content) && content.includes(0)) return [];
  const text = content.toString();
  const problems: ConformanceProblem[] = [];
  for (const { pattern, what } of LEFTOVERS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const line = text.slice(0, match.index).split('\n').length;
    problems.push(problem('no-leftovers', `${path} line ${line} contains ${what} (${scenario}).`, path));
  }
  return problems;
}
