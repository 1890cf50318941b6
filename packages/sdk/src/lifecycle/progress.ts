/** How a verb tells the user what it is doing: lines on stderr, never on stdout (which `--json` owns). */
export interface Progress {
  /** A step starts: `Creating endpoint config sklearn-sample-config-1a2b3c`. */
  step(message: string): void;
  /** A long wait goes on: the message is repeated with the time waited so far. */
  waiting(message: string, elapsedMs: number): void;
  /** Something the user should know but that does not stop the verb. */
  warn(message: string): void;
}

/** Time, injectable so tests of waits and retries run instantly. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}
