import { isDeepStrictEqual } from 'node:util';

/**
 * A comparable copy of a value: plain data as it is, functions by name (two calls may build equal
 * closures that are never `===`), URLs by href, Maps and Sets as arrays. Cycles are cut. Used to
 * tell whether a call changed its input or answered differently the second time.
 */
export function snapshot(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'function') return `[function ${value.name}]`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  try {
    if (value instanceof URL) return value.href;
    if (value instanceof Date) return value.toISOString();
    if (value instanceof RegExp) return String(value);
    if (Buffer.isBuffer(value)) return value.toString('base64');
    if (value instanceof Map) return [...value].map(([k, v]) => [snapshot(k, seen), snapshot(v, seen)]);
    if (value instanceof Set) return [...value].map((v) => snapshot(v, seen));
    if (Array.isArray(value)) return value.map((v) => snapshot(v, seen));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v, seen)]));
  } finally {
    seen.delete(value);
  }
}

/** Whether two values have equal snapshots. */
export function sameSnapshot(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(snapshot(a), snapshot(b));
}

/** The first path (`ctx.model.name`) at which two snapshots differ, for a message a reader can act on. */
export function firstDifference(a: unknown, b: unknown, path = ''): string {
  const left = snapshot(a);
  const right = snapshot(b);
  if (isDeepStrictEqual(left, right)) return '';
  if (typeof left === 'object' && left !== null && typeof right === 'object' && right !== null) {
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of keys) {
      const inner = firstDifference(
        (left as Record<string, unknown>)[key],
        (right as Record<string, unknown>)[key],
        path === '' ? key : `${path}.${key}`,
      );
      if (inner !== '') return inner;
    }
  }
  return path === '' ? '(the value itself)' : path;
}
