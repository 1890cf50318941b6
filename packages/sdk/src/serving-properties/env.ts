/**
 * DJL Serving's environment names for `option.*` properties: `option.max_model_len` is
 * `OPTION_MAX_MODEL_LEN`. DJL lower-cases the rest of the name when it reads one (and spells
 * `entryPoint` specially), so only lower-case option keys round-trip.
 */
const OPTION_PREFIX = 'option.';

/** The `OPTION_*` variable for a property, or undefined for a server-level key such as `engine`. */
export function optionEnvName(key: string): string | undefined {
  if (!key.startsWith(OPTION_PREFIX)) return undefined;
  const name = key.slice(OPTION_PREFIX.length);
  if (!/^[A-Za-z0-9_]+$/.test(name)) return undefined;
  return `OPTION_${name.toUpperCase()}`;
}

/** The property an `OPTION_*` variable sets, as DJL Serving and the generated `code/serve` read it. */
export function optionKeyFromEnv(name: string): string | undefined {
  if (!name.startsWith('OPTION_') || name.length === 'OPTION_'.length) return undefined;
  const key = name.slice('OPTION_'.length).toLowerCase();
  return `${OPTION_PREFIX}${key === 'entrypoint' ? 'entryPoint' : key}`;
}
