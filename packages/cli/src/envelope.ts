/** The one object `--json` prints on stdout (Salesforce CLI style). */
export interface SuccessEnvelope<T> {
  /** 0, or the exit code of a command that returns its result and still fails (doctor). */
  status: number;
  result: T;
  warnings: readonly string[];
}

export interface ErrorEnvelope {
  status: number;
  error: { code: string; message: string; suggestions: readonly string[] };
  warnings: readonly string[];
}
