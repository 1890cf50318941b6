import { McError } from '@mcc/sdk';
import type { Clock, Progress } from '@mcc/sdk';

/** Longest pause between two status checks: completion is noticed within this. */
export const MAX_POLL_MS = 15_000;
const FIRST_POLL_MS = 2_000;

export interface WaitOptions<T> {
  what: string;
  check: () => Promise<T>;
  /** `done` ends the wait, `failed` throws what `failure` says, anything else goes on. */
  state: (value: T) => 'done' | 'failed' | 'waiting';
  /** Needed when `state` can say `failed`. */
  failure?: (value: T) => Promise<McError> | McError;
  describe: (value: T) => string;
  timeoutMs: number;
  clock: Clock;
  progress: Progress;
  signal: AbortSignal;
}

/**
 * Polls until `state` says done or failed, with pauses that grow from 2 s to MAX_POLL_MS, a progress
 * line while it waits, a bounded total time and Ctrl-C honoured between checks.
 */
export async function waitFor<T>(options: WaitOptions<T>): Promise<T> {
  const started = options.clock.now();
  let pause = FIRST_POLL_MS;
  for (;;) {
    const value = await options.check();
    const state = options.state(value);
    if (state === 'done') return value;
    if (state === 'failed') {
      throw options.failure
        ? await options.failure(value)
        : new McError(`${options.what} failed.`, { code: 'DEPLOY_FAILED' });
    }
    const elapsed = options.clock.now() - started;
    if (elapsed >= options.timeoutMs) {
      throw new McError(
        `${options.what} is still ${options.describe(value)} after ${Math.round(elapsed / 1000)} s.`,
        {
          code: 'DEPLOY_TIMEOUT',
          suggestions: [
            'Run `mcc status` to follow it, or `mcc deploy` again later to resume waiting (nothing is created twice).',
          ],
        },
      );
    }
    if (options.signal.aborted) {
      throw new McError(`Stopped while waiting for ${options.what} (${options.describe(value)}).`, {
        code: 'INTERRUPTED',
        suggestions: ['Run `mcc deploy` again to resume: what was created is recorded in .mcc/state.json.'],
      });
    }
    options.progress.waiting(`${options.what}: ${options.describe(value)}`, elapsed);
    await options.clock.sleep(Math.min(pause, MAX_POLL_MS));
    pause = Math.min(pause * 2, MAX_POLL_MS);
  }
}
