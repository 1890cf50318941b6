import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { RenderedFile } from '../../render.js';
import { problem } from './problem.js';
import type { ConformanceProblem } from './problem.js';

/**
 * How a check treats shellcheck: `auto` runs it when it is installed and notes its absence,
 * `require` reports its absence as a problem (for CI, where a silent skip would hide regressions),
 * `skip` never runs it.
 */
export type ShellcheckMode = 'auto' | 'require' | 'skip';

const SHELL_SHEBANG = /^#!\s*\/(?:usr\/)?bin\/(?:env\s+)?(?:ba|da|k)?sh\b/;

/** Whether a generated file is a shell script: by its shebang, or by its `.sh` name. */
export function isShellScript(file: RenderedFile): boolean {
  if (file.path.endsWith('.sh')) return true;
  return SHELL_SHEBANG.test(file.content.slice(0, 64).toString());
}

/** Whether `shellcheck` can be run from PATH. */
export function shellcheckInstalled(): boolean {
  const probe = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/**
 * Runs shellcheck (every severity, as mcc's own scripts are held to) on each shell script of a
 * rendered project. The files are written to a temporary folder with their modes first, so that
 * scripts that `source` a sibling are checked as they will run.
 */
export async function shellcheckScripts(
  files: readonly RenderedFile[],
  scenario: string,
  mode: ShellcheckMode,
  note: (message: string) => void,
): Promise<ConformanceProblem[]> {
  const scripts = files.filter(isShellScript);
  if (mode === 'skip' || scripts.length === 0) return [];
  if (!shellcheckInstalled()) {
    const message = `shellcheck is not installed: ${scripts.length} shell script(s) not checked (${scenario}).`;
    if (mode === 'require') return [problem('shellcheck', message)];
    note(message);
    return [];
  }
  const dir = await mkdtemp(join(tmpdir(), 'mcc-conformance-'));
  try {
    for (const file of files) {
      const full = join(dir, file.path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, file.content);
      await chmod(full, file.mode);
    }
    const problems: ConformanceProblem[] = [];
    for (const script of scripts) {
      const run = spawnSync('shellcheck', ['--severity=style', '--format=gcc', script.path], {
        cwd: dir,
        encoding: 'utf8',
      });
      if (run.status === 0) continue;
      const findings = `${run.stdout}${run.stderr}`.trim();
      problems.push(
        problem('shellcheck', `${script.path} fails shellcheck (${scenario}):\n${findings}`, script.path),
      );
    }
    return problems;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
