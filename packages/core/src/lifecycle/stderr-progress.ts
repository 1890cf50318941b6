import type { Clock, Progress } from '@mcc/sdk';

/** Progress as lines on stderr; a wait repeats its line at most every `everyMs`, with the time waited. */
export class StderrProgress implements Progress {
  private lastWait = new Map<string, number>();

  constructor(
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly everyMs = 15_000,
  ) {}

  step(message: string): void {
    this.write(`→ ${message}`);
  }

  waiting(message: string, elapsedMs: number): void {
    const last = this.lastWait.get(message);
    if (last !== undefined && elapsedMs - last < this.everyMs) return;
    this.lastWait.set(message, elapsedMs);
    this.write(`  … ${message} (${Math.round(elapsedMs / 1000)} s)`);
  }

  warn(message: string): void {
    this.write(`Warning: ${message}`);
  }
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
