import { isRecord } from './template.js';

/** Every string in a value, at any depth. */
export function stringsIn(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, into));
  else if (isRecord(value)) Object.values(value).forEach((v) => stringsIn(v, into));
  return into;
}
