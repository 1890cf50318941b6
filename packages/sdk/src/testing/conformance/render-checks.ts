import type { FileRule } from '../../files.js';
import { renderPartial, renderTemplates } from '../../render.js';
import type { RenderedFile, TemplateFolders } from '../../render.js';
import { checkEmittedFiles } from './file-rules.js';
import { findLeftovers } from './leftovers.js';
import { problem } from './problem.js';
import type { ConformanceProblem } from './problem.js';
import { isShellScript, shellcheckScripts } from './shellcheck.js';
import type { ShellcheckMode } from './shellcheck.js';

/** One render of a plugin's templates to check. */
export interface RenderCheck {
  /** `Server sklearn`, `Target managed-inference`: how messages name the plugin. */
  owner: string;
  templatesDir: TemplateFolders;
  rules: readonly FileRule<never>[];
  /** The project input plus the plugin's context under `ctx`, as core passes them. */
  locals: object;
  scenario: string;
  shellcheck: ShellcheckMode;
  note: (message: string) => void;
}

function firstDifferentFile(a: readonly RenderedFile[], b: readonly RenderedFile[]): string | undefined {
  const paths = new Set([...a, ...b].map((f) => f.path));
  for (const path of paths) {
    const left = a.find((f) => f.path === path);
    const right = b.find((f) => f.path === path);
    if (!left || !right || !Buffer.from(left.content).equals(Buffer.from(right.content))) return path;
  }
  return undefined;
}

/**
 * Renders a plugin's templates as core does, twice, and checks what came out: the same both times,
 * no leftovers in any file or in the README section, every file declared, every shell script clean
 * under shellcheck. Returns the files (undefined when rendering failed) for checks of its own.
 */
export async function renderAndCheck(
  check: RenderCheck,
  problems: ConformanceProblem[],
): Promise<RenderedFile[] | undefined> {
  const { owner, templatesDir, locals, scenario } = check;
  // Rules are typed by each plugin's own locals; here they receive exactly those locals.
  const rules = check.rules as readonly FileRule<object>[];
  let files: RenderedFile[];
  try {
    files = await renderTemplates({ templatesDir, locals, rules });
    const again = await renderTemplates({ templatesDir, locals, rules });
    const differing = firstDifferentFile(files, again);
    if (differing !== undefined) {
      problems.push(
        problem(
          'pure-context',
          `${differing} renders differently from the same input twice (${scenario}).`,
          differing,
        ),
      );
    }
  } catch (error) {
    problems.push(
      problem('renders', `${owner}'s templates failed to render for ${scenario}: ${String(error)}`),
    );
    return undefined;
  }
  for (const file of files) problems.push(...findLeftovers(file.path, file.content, scenario));
  try {
    const readme = await renderPartial(templatesDir, '_README.md.ejs', locals);
    if (readme !== undefined) problems.push(...findLeftovers('README.md section', readme, scenario));
  } catch (error) {
    problems.push(
      problem('renders', `${owner}'s README section failed to render for ${scenario}: ${String(error)}`),
    );
  }
  problems.push(...checkEmittedFiles(owner, templatesDir, check.rules, files, scenario));
  problems.push(...(await shellcheckScripts(files, scenario, check.shellcheck, check.note)));
  for (const file of files) {
    // A generated project's scripts are run as `do/deploy`: the mode comes from the template's.
    if (isShellScript(file) && (file.mode & 0o111) === 0) {
      problems.push(
        problem(
          'executable-scripts',
          `${file.path} is a shell script but is generated without the executable bit (${scenario}): its template is not executable (chmod +x it, and commit the mode).`,
          file.path,
        ),
      );
    }
  }
  return files;
}
