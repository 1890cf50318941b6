import { execFile } from 'node:child_process';

/** Debian's python: the one with python3-sklearn, flask, fastapi and pytest on this machine. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export interface RunResult {
  code: number;
  output: string;
}

/** Runs Debian's python with /usr/bin first on PATH; resolves with the exit code and all output. */
export function runPython(args: string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      SYSTEM_PYTHON,
      args,
      {
        cwd,
        env: {
          ...process.env,
          PATH: `/usr/bin:/usr/sbin:/bin:${process.env.PATH ?? ''}`,
          PYTHONDONTWRITEBYTECODE: '1',
          ...env,
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}
