import { McError } from '../errors.js';
import type { Clock, Progress } from './progress.js';

/** Longest pause between two checks: completion is noticed within this. */
export const MAX_POLL_MS = 15_000;
const FIRST_POLL_MS = 2_000;

/** What {@link waitFor} polls, how it reads the answer, and how long it may take. */
export interface WaitOptions<T> {
  /** The thing waited for, in words: `endpoint abalone`. */
  what: string;
  check: () => Promise<T>;
  /** `done` ends the wait, `failed` throws what `failure` gives, anything else goes on. */
  state: (value: T) => 'done' | 'failed' | 'waiting';
  /** The error for a `failed` state (default: "<what> failed", DEPLOY_FAILED). */
  failure?: (value: T) => Promise<McError> | McError;
  /** The state in words, for progress and the timeout message. */
  describe: (value: T) => string;
  timeoutMs: number;
  /** The error code of running out of time (default DEPLOY_TIMEOUT; an invoke's differs). */
  timeoutCode?: string;
  /** The suggestion that goes with it. */
  timeoutHint?: string;
  clock: Clock;
  progress: Progress;
  signal: AbortSignal;
}

/**
 * Polls until done or failed, with pauses growing from 2 s to MAX_POLL_MS so a fast answer is seen
 * fast and a slow one costs few calls, a progress line per check, a bounded total and Ctrl-C
 * honoured between checks. Shared by the targets that wait on AWS resources.
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
          code: options.timeoutCode ?? 'DEPLOY_TIMEOUT',
          suggestions: [
            options.timeoutHint ??
              'Run `mcc status` to follow it, or `mcc deploy` again later to resume waiting (nothing is created twice).',
          ],
        },
      );
    }
    if (options.signal.aborted) {
      throw new McError(`Stopped while waiting for ${options.what} (${options.describe(value)}).`, {
        code: 'INTERRUPTED',
      });
    }
    options.progress.waiting(`${options.what}: ${options.describe(value)}`, elapsed);
    await options.clock.sleep(Math.min(pause, MAX_POLL_MS));
    pause = Math.min(pause * 2, MAX_POLL_MS);
  }
}
