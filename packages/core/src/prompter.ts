/** A choice in a select prompt. */
export interface Choice {
  value: string;
  name: string;
  description?: string;
}

/**
 * Questions asked in interactive mode. The CLI implements it with @inquirer/prompts (loaded only
 * when a prompt is really shown); tests supply scripted answers.
 */
export interface Prompter {
  select(message: string, choices: readonly Choice[], defaultValue?: string): Promise<string>;
  input(
    message: string,
    options?: { default?: string; validate?: (value: string) => string | true },
  ): Promise<string>;
}

/** The prompter for `--yes`: any question is a bug, since missing values are reported up front. */
export const noPrompter: Prompter = {
  select(message) {
    return Promise.reject(new Error(`no prompting with --yes: ${message}`));
  },
  input(message) {
    return Promise.reject(new Error(`no prompting with --yes: ${message}`));
  },
};
