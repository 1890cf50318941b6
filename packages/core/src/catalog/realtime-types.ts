import { usageError, type McError } from '@mcc/sdk';
import { readDataFile } from './data-file.js';
import { editDistance } from './edit-distance.js';

/**
 * Generated from the AWS SDK's `ProductionVariantInstanceType` enum by
 * `scripts/sync-instance-types.mjs`; read instead of importing the SDK (~160 ms at start-up).
 */
export const REALTIME_INSTANCE_TYPES_FILE = 'realtime-instance-types.json';

let types: { list: readonly string[]; set: ReadonlySet<string> } | undefined;

function load(): { list: readonly string[]; set: ReadonlySet<string> } {
  if (!types) {
    const json = readDataFile(REALTIME_INSTANCE_TYPES_FILE);
    if (!Array.isArray(json) || !json.every((t): t is string => typeof t === 'string')) {
      throw new Error(`data/${REALTIME_INSTANCE_TYPES_FILE} is not a list of instance types`);
    }
    const list = Object.freeze([...json]);
    types = { list, set: new Set(list) };
  }
  return types;
}

/** Every instance type a SageMaker real-time endpoint accepts, sorted. */
export function realtimeInstanceTypes(): readonly string[] {
  return load().list;
}

/** True when SageMaker real-time endpoints accept `instanceType` exactly as written. */
export function isRealtimeInstanceType(instanceType: string): boolean {
  return load().set.has(instanceType);
}

/**
 * The accepted types closest to a wrong value, closest first, for "did you mean". Case and a missing
 * `ml.` prefix are forgiven; values too far from every type get no suggestion rather than a random one.
 */
export function suggestInstanceTypes(badValue: string, limit = 3): string[] {
  const typed = badValue.trim().toLowerCase();
  if (typed === '') return [];
  const forms = typed.startsWith('ml.') ? [typed] : [typed, `ml.${typed}`];
  const threshold = Math.max(2, Math.ceil(typed.length * 0.35));
  return load()
    .list.map((type) => ({ type, distance: Math.min(...forms.map((form) => editDistance(form, type))) }))
    .filter((c) => c.distance <= threshold)
    .sort((x, y) => x.distance - y.distance || x.type.localeCompare(y.type))
    .slice(0, limit)
    .map((c) => c.type);
}

/**
 * The usage error for an instance type SageMaker would refuse, with the closest accepted ones.
 * `origin` says where the value came from (`--instance-type`, a config file …) when known.
 */
export function invalidInstanceTypeError(value: string, origin?: string): McError {
  const close = suggestInstanceTypes(value);
  const suggestions = close.length > 0 ? [`Did you mean ${close.join(', ')}?`] : [];
  return usageError(
    'INVALID_INSTANCE_TYPE',
    `Instance type "${value}"${origin ? ` (from ${origin})` : ''} is not accepted by SageMaker real-time endpoints: expected one of the ` +
      `${realtimeInstanceTypes().length} ml.<family>.<size> types the AWS SDK lists, e.g. ml.m5.large.`,
    [...suggestions, 'Leave the instance type out to have mcc recommend one for the model (see `mcc size`).'],
  );
}
