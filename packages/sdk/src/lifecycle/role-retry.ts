import type { Clock, Progress } from './progress.js';

/** A role IAM has just created may take this many tries, RETRY_MS apart, before a service can use it. */
export const ROLE_RETRIES = 8;
export const ROLE_RETRY_MS = 5_000;

/**
 * Makes `attempt` again while `notReady(error)` says a new role is still propagating, up to
 * ROLE_RETRIES times; any other error, or one for a role that is not new, is thrown at once.
 */
export async function retryWhileRoleNew<O>(
  attempt: () => Promise<O>,
  options: { fresh: boolean; notReady: (error: unknown) => boolean; clock: Clock; progress: Progress },
): Promise<O> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!options.fresh || !options.notReady(error) || tries >= ROLE_RETRIES) throw error;
      options.progress.waiting('waiting for the new role to be usable', tries * ROLE_RETRY_MS);
      await options.clock.sleep(ROLE_RETRY_MS);
    }
  }
}
