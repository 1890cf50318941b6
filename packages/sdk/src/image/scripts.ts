import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { McError } from '../errors.js';
import type { BuildResult, RunResult, VerbContext } from '../lifecycle/verbs.js';
import type { ImageKitContext } from './context.js';

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
export async function buildImage(
  context: VerbContext,
  ctx: ImageKitContext,
  args: readonly string[],
): Promise<BuildResult> {
  const platform = process.env.MCC_PLATFORM ?? ctx.image.platform;
  if (platform === 'linux/amd64' && process.arch !== 'x64') {
    const instead = ctx.remoteBuild
      ? ` mcc ${ctx.remoteBuild.verb} builds in AWS ${ctx.remoteBuild.service} instead.`
      : '';
    context.progress.warn(
      `This machine is ${process.arch}; the image is built for ${platform} (what SageMaker runs), under emulation, which is slow.${instead}`,
    );
  }
  const code = await runScript(context, 'build', args);
  if (code !== 0)
    throw new McError(`do/build failed (exit ${code}); its output is above.`, { code: 'BUILD_FAILED' });
  return { image: ctx.image.local, platform };
}

/** `mcc run`: do/run, which starts the image locally and waits for /ping. */
export async function runImage(
  context: VerbContext,
  ctx: ImageKitContext,
  args: readonly string[],
): Promise<RunResult> {
  const code = await runScript(context, 'run', args);
  if (code !== 0)
    throw new McError(`do/run failed (exit ${code}); its output is above.`, { code: 'RUN_FAILED' });
  const port = Number(process.env.PORT ?? ctx.run.port);
  return { url: `http://127.0.0.1:${port}`, container: ctx.run.container };
}
