import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { McError } from '@mcc/sdk';
import type { BuildResult, RunResult, VerbContext } from '@mcc/sdk';

import { managedInferenceContext } from '../context.js';

/**
 * Runs one of the project's own do/ scripts, whose output goes to stderr (stdout belongs to --json).
 * `mcc build` and `mcc run` are these scripts: the engine choice, platform and /ping wait are
 * written once, in the generated project, where they also work without mcc installed.
 */
function runScript(context: VerbContext, script: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(context.project.dir, 'do', script), [...args], {
      cwd: context.project.dir,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', (error) =>
      reject(
        new McError(`Cannot run do/${script}: ${error.message}`, {
          code: 'SCRIPT_MISSING',
          suggestions: ['Regenerate the project with `mcc generate`, or restore do/ from version control.'],
        }),
      ),
    );
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** `mcc build`: do/build, with a warning when the image is built for another architecture than this host's. */
export async function build(context: VerbContext, args: readonly string[]): Promise<BuildResult> {
  const ctx = managedInferenceContext(context.project.input);
  const platform = process.env.MCC_PLATFORM ?? ctx.image.platform;
  if (platform === 'linux/amd64' && process.arch !== 'x64') {
    context.progress.warn(
      `This machine is ${process.arch}; the image is built for ${platform} (what SageMaker runs), under emulation, which is slow. mcc submit builds in AWS CodeBuild instead.`,
    );
  }
  const code = await runScript(context, 'build', args);
  if (code !== 0)
    throw new McError(`do/build failed (exit ${code}); its output is above.`, { code: 'BUILD_FAILED' });
  return { image: ctx.image.local, platform };
}

/** `mcc run`: do/run, which starts the image locally and waits for /ping. */
export async function run(context: VerbContext, args: readonly string[]): Promise<RunResult> {
  const ctx = managedInferenceContext(context.project.input);
  const code = await runScript(context, 'run', args);
  if (code !== 0)
    throw new McError(`do/run failed (exit ${code}); its output is above.`, { code: 'RUN_FAILED' });
  const port = Number(process.env.PORT ?? ctx.run.port);
  return { url: `http://127.0.0.1:${port}`, container: ctx.names.localContainer };
}
