/** The one object `--json` prints on stdout (Salesforce CLI style). */
export interface SuccessEnvelope<T> {
  status: 0;
  result: T;
  warnings: readonly string[];
}

export interface ErrorEnvelope {
  status: number;
  error: { code: string; message: string; suggestions: readonly string[] };
  warnings: readonly string[];
}
