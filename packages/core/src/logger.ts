/** Progress and diagnostics. Everything goes to stderr so `--json` keeps stdout to one envelope. */
export interface Logger {
  info(message: string): void;
  /** A warning is both shown and returned in the `--json` envelope's `warnings`. */
  warn(message: string): void;
  /** One step of long work, e.g. `Rendering templates`. */
  step(message: string): void;
  readonly warnings: readonly string[];
}

export class StderrLogger implements Logger {
  readonly warnings: string[] = [];

  constructor(
    private readonly write: (text: string) => void = (text) => process.stderr.write(text),
    private readonly quiet = false,
  ) {}

  info(message: string): void {
    if (!this.quiet) this.write(`${message}\n`);
  }

  warn(message: string): void {
    this.warnings.push(message);
    this.write(`Warning: ${message}\n`);
  }

  step(message: string): void {
    if (!this.quiet) this.write(`› ${message}\n`);
  }
}
