/**
 * Escaping by target language, used by templates through `<%- sh(value) %>` and friends. Templates
 * never use `<%=` (HTML escaping); every interpolated value goes through one of these instead.
 */

/** A single shell word: `it's` becomes `'it'\''s'`. Safe words are left bare for readability. */
export function sh(value: string | number | boolean): string {
  const text = String(value);
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A JSON value (also a valid Python literal for strings, numbers and booleans written via `py`). */
export function json(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent);
}

/** A Python literal for a string, number, boolean or null. */
export function py(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  return JSON.stringify(value);
}

/** A YAML scalar, always double-quoted so no value is read as another type. */
export function yaml(value: string | number | boolean): string {
  return JSON.stringify(String(value));
}

/** Every escaping helper, as templates see them (added to the locals of every render). */
export const escapers = { sh, json, py, yaml } as const;
