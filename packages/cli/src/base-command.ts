import { Command } from '@oclif/core';
import { StderrLogger } from '@mcc/core';

import type { ErrorEnvelope, SuccessEnvelope } from './envelope.js';
import { toMcError } from './to-mc-error.js';

/**
 * The base of every mcc command: `--json` prints one envelope `{status, result, warnings}` on
 * stdout and nothing else; progress, warnings and errors go to stderr; errors show their code,
 * message and suggestions without a stack trace unless DEBUG is set.
 */
export abstract class McCommand<T> extends Command {
  static override enableJsonFlag = true;

  private stderrLoggerInstance: StderrLogger | undefined;

  protected get stderrLogger(): StderrLogger {
    this.stderrLoggerInstance ??= new StderrLogger();
    return this.stderrLoggerInstance;
  }

  protected override toSuccessJson(result: unknown): SuccessEnvelope<unknown> {
    // A command may finish with a result and still fail (doctor with a failed check): the envelope
    // says what the exit code says.
    const status = typeof process.exitCode === 'number' ? process.exitCode : 0;
    return { status, result, warnings: this.stderrLoggerInstance?.warnings ?? [] };
  }

  protected override async catch(error: Error & { exitCode?: number }): Promise<void> {
    const mc = toMcError(error);
    process.exitCode = mc.exitCode;
    if (this.jsonEnabled()) {
      const envelope: ErrorEnvelope = {
        status: mc.exitCode,
        error: { code: mc.code, message: mc.message, suggestions: mc.suggestions },
        warnings: this.stderrLoggerInstance?.warnings ?? [],
      };
      this.logJson(envelope);
      return;
    }
    const lines = [`Error [${mc.code}]: ${mc.message}`, ...mc.suggestions.map((s) => `  → ${s}`)];
    if (process.env.DEBUG) lines.push(String((mc.cause as Error | undefined)?.stack ?? mc.stack));
    process.stderr.write(`${lines.join('\n')}\n`);
  }

  abstract override run(): Promise<T>;
}
