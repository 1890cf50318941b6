import { spawn } from 'node:child_process';

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
