import type { RenderedFile } from '../../render.js';
import { problem } from './problem.js';
import type { ConformanceProblem } from './problem.js';

/** `ARG BASE_IMAGE=value`, the value possibly shell-quoted by the `sh` helper. */
const ARG_LINE = /^ARG\s+BASE_IMAGE(?:=(.*))?$/m;
const FROM_LINE = /^FROM\s+(?:--platform=\S+\s+)?\$\{?BASE_IMAGE\}?(?:\s|$)/m;

function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith("'") && trimmed.endsWith("'")
    ? trimmed.slice(1, -1).replaceAll(`'\\''`, "'")
    : trimmed;
}

/**
 * The Dockerfile contract: it exists, and builds FROM a `BASE_IMAGE` build argument whose default
 * is the base image core resolved. `--base-image`, mcc.json and the deploy's registry login all
 * rely on that argument naming the image the project really starts from.
 */
export function checkDockerfile(
  files: readonly RenderedFile[],
  baseImage: string,
  scenario: string,
): ConformanceProblem[] {
  const dockerfile = files.find((f) => f.path === 'Dockerfile');
  if (!dockerfile) return [problem('dockerfile', `No Dockerfile is generated (${scenario}).`)];
  const text = dockerfile.content.toString();
  const problems: ConformanceProblem[] = [];
  const arg = ARG_LINE.exec(text);
  if (!arg) {
    problems.push(
      problem('dockerfile', `The Dockerfile declares no \`ARG BASE_IMAGE\` (${scenario}).`, 'Dockerfile'),
    );
  } else if (arg[1] !== undefined && unquote(arg[1]) !== baseImage) {
    problems.push(
      problem(
        'dockerfile',
        `The Dockerfile's BASE_IMAGE defaults to ${unquote(arg[1])}, not the project's base image ${baseImage} (${scenario}).`,
        'Dockerfile',
      ),
    );
  }
  if (!FROM_LINE.test(text)) {
    problems.push(
      problem(
        'dockerfile',
        `The Dockerfile does not build \`FROM \${BASE_IMAGE}\` (${scenario}).`,
        'Dockerfile',
      ),
    );
  }
  return problems;
}
