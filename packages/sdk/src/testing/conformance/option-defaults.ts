import type { OptionSpec, OptionValue, OptionValues } from '../../options.js';

/** A plugin's option values as core resolves them when the user sets nothing, plus what was given. */
export interface ResolvedTestOptions {
  values: Record<string, OptionValue>;
  /** Required options with no default and no given value: a scenario cannot be built without them. */
  missing: string[];
}

/**
 * The options core would hand a plugin for a user who set nothing: every spec's default, then the
 * values the caller gave (which win). A required option without a default is reported as missing
 * rather than invented, because only the plugin's author knows a valid value for it.
 */
export function resolveTestOptions(
  specs: readonly OptionSpec[],
  given: OptionValues = {},
): ResolvedTestOptions {
  const values: Record<string, OptionValue> = {};
  const missing: string[] = [];
  for (const spec of specs) {
    const value = given[spec.key] ?? spec.default;
    if (value !== undefined) values[spec.key] = value;
    else if (spec.required) missing.push(spec.key);
  }
  for (const [key, value] of Object.entries(given)) values[key] ??= value;
  return { values, missing };
}
