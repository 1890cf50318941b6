import type { Choice, Prompter } from '@mcc/core';

/**
 * Prompts with @inquirer/prompts, imported only when a question is really asked, and drawn on
 * stderr so stdout stays clean for `--json`.
 */
export class InquirerPrompter implements Prompter {
  private readonly context = { output: process.stderr };

  async select(message: string, choices: readonly Choice[], defaultValue?: string): Promise<string> {
    const { select } = await import('@inquirer/prompts');
    return select({ message, choices: choices.map((c) => ({ ...c })), default: defaultValue }, this.context);
  }

  async input(
    message: string,
    options: { default?: string; validate?: (value: string) => string | true } = {},
  ): Promise<string> {
    const { input } = await import('@inquirer/prompts');
    const answer = await input(
      { message, default: options.default, validate: options.validate, required: true },
      this.context,
    );
    // Validators see the trimmed answer (a pasted name often carries a space); so does mcc.
    return answer.trim();
  }
}
