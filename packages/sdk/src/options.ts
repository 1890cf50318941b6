/** A value of a plugin option after parsing. */
export type OptionValue = string | number | boolean;

/**
 * One plugin option, set by users as `--option key=value`, in a config file's `options` object, or
 * as `MCC_OPTION_<KEY>` in the environment. Core parses and validates it from this spec, so every
 * plugin's options get the same errors and the same help.
 */
export interface OptionSpec {
  /** kebab-case key, unique within the plugin, e.g. `workers`. */
  key: string;
  /** One line shown by `mcc generate --help` and in errors. */
  description: string;
  /** How the raw text is parsed and checked. */
  type: 'string' | 'integer' | 'number' | 'boolean' | 'enum';
  /** Accepted values when `type` is `enum`. */
  choices?: readonly string[];
  /** Inclusive bounds for `integer` and `number`. */
  min?: number;
  max?: number;
  /** For `string`: the value must match this (anchored) pattern; `patternHint` says it in words. */
  pattern?: RegExp;
  patternHint?: string;
  /** Used when the user sets nothing. Omit to leave the option unset. */
  default?: OptionValue;
  /** Marks an option the user must set (generation fails with `--yes` until they do). */
  required?: boolean;
}

/** Options after resolution: every key of the plugin's spec that has a value. */
export type OptionValues = Readonly<Record<string, OptionValue>>;
