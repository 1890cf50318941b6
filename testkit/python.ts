import { execFile } from 'node:child_process';

/** Debian's python: the one with python3-sklearn, python3-xgboost, numpy and pytest on this machine. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export interface PythonRun {
  code: number;
  output: string;
}

/** Runs Debian's python (with /usr/bin first on PATH) and resolves with its exit code and output. */
export function python(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<PythonRun> {
  return new Promise((resolve) => {
    const options = {
      cwd,
      env: {
        ...process.env,
        PATH: `/usr/bin:/bin:${process.env.PATH ?? ''}`,
        PYTHONDONTWRITEBYTECODE: '1',
        // Test files run in parallel on few CPUs: one thread each (OpenMP, BLAS) avoids oversubscription.
        OMP_NUM_THREADS: '1',
        ...env,
      },
      timeout: 120_000,
    };
    execFile(SYSTEM_PYTHON, [...args], options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
