import { createInterface } from 'node:readline/promises';

/**
 * Asks one yes/no question on the terminal; only `y` or `yes` is a yes. The question goes to
 * stderr, so a `--json` run's stdout stays one document.
 */
export async function askYesNo(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
