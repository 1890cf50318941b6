import type { PlanIds } from './operations.js';
import { translateString } from './string-values.js';
import type { Mentionable, ReadMode } from './string-values.js';
import { isIntrinsic, isRecord } from './template.js';
import type { CfnValue } from './template.js';

/** Keys whose values are words for people, not names: tags and descriptions are read for nothing. */
const TEXT_KEY = /(Description|^Label|^Expression|^Tags)$/;
/** Keys whose values only the container reads: matched as a whole, never searched inside. */
const OPAQUE_KEYS = new Set(['Environment']);

function modeFor(key: string, parent: ReadMode): ReadMode {
  if (parent === 'text' || TEXT_KEY.test(key)) return 'text';
  if (parent === 'opaque' || OPAQUE_KEYS.has(key)) return 'opaque';
  return 'identifier';
}

/**
 * A resource's properties with every string translated (see translateString); values already made
 * intrinsic (parameters, links) are kept. Returns the resources it names that it cannot reference.
 */
export function translateValues(
  properties: Record<string, unknown>,
  earlier: readonly Mentionable[],
  ids: PlanIds,
): { properties: Record<string, CfnValue>; dependsOn: string[] } {
  const dependsOn: string[] = [];
  const walk = (value: unknown, mode: ReadMode): CfnValue => {
    if (typeof value === 'string') {
      const result = translateString(value, earlier, ids, mode);
      dependsOn.push(...result.dependsOn);
      return result.value;
    }
    if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
    if (Array.isArray(value)) return value.map((item) => walk(item, mode));
    if (isIntrinsic(value)) return value as CfnValue;
    if (isRecord(value)) {
      const out: Record<string, CfnValue> = {};
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) out[key] = walk(item, modeFor(key, mode));
      }
      return out;
    }
    throw new TypeError(`a plan input holds a ${typeof value}, which a template cannot`);
  };
  const out: Record<string, CfnValue> = {};
  for (const [key, item] of Object.entries(properties)) {
    if (item !== undefined) out[key] = walk(item, modeFor(key, 'identifier'));
  }
  return { properties: out, dependsOn };
}
