import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

import { McError, usageError } from '@mcc/sdk';

import { CONTAINER_ENGINES } from '../options.js';
import type { ContainerEngine } from '../options.js';

/** The path of `name` on PATH, if it is there and executable. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * docker or podman, as do/build chooses it: MCC_CONTAINER_ENGINE, else the project's option; `auto`
 * prefers docker. Errors name what was looked for and what is accepted.
 */
export function containerEngine(option: ContainerEngine, env: NodeJS.ProcessEnv = process.env): string {
  const choice = (env.MCC_CONTAINER_ENGINE ?? option) as string;
  if (!(CONTAINER_ENGINES as readonly string[]).includes(choice)) {
    throw usageError(
      'CONTAINER_ENGINE_INVALID',
      `MCC_CONTAINER_ENGINE must be auto, docker or podman, not "${choice}".`,
    );
  }
  const candidates = choice === 'auto' ? ['docker', 'podman'] : [choice];
  for (const name of candidates) {
    if (onPath(name, env.PATH)) return name;
  }
  throw new McError(
    choice === 'auto'
      ? 'Neither docker nor podman was found on PATH.'
      : `The container engine is ${choice}, but ${choice} was not found on PATH.`,
    {
      code: 'CONTAINER_ENGINE_MISSING',
      suggestions: ['Install Docker or Podman, or set MCC_CONTAINER_ENGINE to the one you have.'],
    },
  );
}

export interface ProcessResult {
  code: number;
  output: string;
}

/**
 * Runs a command with its output copied to stderr (progress) and kept, `stdin` written to it (how a
 * secret reaches `login --password-stdin`: never in the arguments or the environment).
 */
export function runProcess(
  argv: readonly string[],
  options: { cwd?: string; stdin?: string; echo?: (chunk: string) => void } = {},
): Promise<ProcessResult> {
  const echo = options.echo ?? ((chunk: string) => process.stderr.write(chunk));
  return new Promise((resolve, reject) => {
    const stdin = options.stdin === undefined ? 'ignore' : 'pipe';
    const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, stdio: [stdin, 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      echo(text);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
    if (child.stdin) {
      child.stdin.on('error', () => undefined); // a command that exits without reading its stdin
      child.stdin.end(options.stdin);
    }
  });
}
