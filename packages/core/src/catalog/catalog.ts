import { McError, type InstanceCatalog, type InstanceInfo } from '@mcc/sdk';
import { readDataFile } from './data-file.js';

/** One entry of the shipped file, `data/instances.json`: snake_case, `null` where a fact is unknown. */
interface RawInstance {
  instance_type: string;
  family: string;
  realtime_endpoint_valid: boolean;
  vcpu: number;
  memory_gib: number;
  accelerator?: RawAccelerator | null;
  price_usd_per_hour_us_east_1?: number | null;
}

interface RawAccelerator {
  kind: 'gpu' | 'neuron';
  model: string;
  count: number;
  memory_per_device_mib?: number | null;
  memory_per_device_gib_nominal?: number | null;
}

export const INSTANCE_CATALOG_FILE = 'instances.json';

/** A loaded catalog: its entries and the provenance note shipped with them. */
export interface LoadedInstanceCatalog {
  about: string;
  instances: readonly InstanceInfo[];
}

function invalid(detail: string): McError {
  return new McError(
    `The instance catalog shipped with mcc (data/${INSTANCE_CATALOG_FILE}) is invalid: ${detail}.`,
    {
      code: 'INSTANCE_CATALOG_INVALID',
      suggestions: ['Reinstall mcc; if it persists, report it with this message.'],
    },
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

function normaliseAccelerator(type: string, raw: unknown): InstanceInfo['accelerator'] {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) throw invalid(`${type}: accelerator is not an object`);
  const a = raw as Partial<RawAccelerator>;
  if (a.kind !== 'gpu' && a.kind !== 'neuron')
    throw invalid(`${type}: accelerator kind "${String(a.kind)}" is not gpu or neuron`);
  if (typeof a.model !== 'string' || !isPositive(a.count))
    throw invalid(`${type}: accelerator needs a model and a count`);
  // EC2 does not report device memory for some types (V100, Neuron); fall back to the nominal size.
  const mib = isPositive(a.memory_per_device_mib)
    ? a.memory_per_device_mib
    : isPositive(a.memory_per_device_gib_nominal)
      ? a.memory_per_device_gib_nominal * 1024
      : undefined;
  if (mib === undefined) throw invalid(`${type}: accelerator has no device memory`);
  return { kind: a.kind, model: a.model, count: a.count, memoryPerDeviceMiB: mib };
}

function normaliseInstance(raw: unknown, index: number): { info: InstanceInfo; realtime: boolean } {
  if (!isObject(raw)) throw invalid(`entry ${index} is not an object`);
  const r = raw as Partial<RawInstance>;
  const type = r.instance_type;
  if (typeof type !== 'string' || !type.startsWith('ml.'))
    throw invalid(`entry ${index} has no ml.* instance_type`);
  if (typeof r.family !== 'string' || !isPositive(r.vcpu) || !isPositive(r.memory_gib)) {
    throw invalid(`${type}: family, vcpu and memory_gib are required`);
  }
  const info: InstanceInfo = { instanceType: type, family: r.family, vcpu: r.vcpu, memoryGiB: r.memory_gib };
  const accelerator = normaliseAccelerator(type, r.accelerator);
  if (accelerator) info.accelerator = accelerator;
  // Only a price a source gave; an unknown price stays absent rather than 0.
  if (isPositive(r.price_usd_per_hour_us_east_1)) info.priceUsdPerHour = r.price_usd_per_hour_us_east_1;
  return { info: Object.freeze(info), realtime: r.realtime_endpoint_valid === true };
}

/**
 * Validates and normalises the catalog file to the sdk's `InstanceInfo`. Entries not valid for
 * real-time endpoints are left out: everything that reads the catalog sizes real-time deployments.
 */
export function parseInstanceCatalog(json: unknown): LoadedInstanceCatalog {
  const entries: unknown = isObject(json) ? json.instances : undefined;
  if (!isObject(json) || !Array.isArray(entries)) throw invalid('no "instances" list');
  const about = typeof json.about === 'string' ? json.about : '';
  const seen = new Set<string>();
  const instances: InstanceInfo[] = [];
  entries.forEach((raw: unknown, index) => {
    const { info, realtime } = normaliseInstance(raw, index);
    if (seen.has(info.instanceType)) throw invalid(`${info.instanceType} is listed twice`);
    seen.add(info.instanceType);
    if (realtime) instances.push(info);
  });
  return { about, instances: Object.freeze(instances) };
}

/** An `InstanceCatalog` over a fixed list (the shipped file, or fixtures in tests). */
export function createInstanceCatalog(instances: readonly InstanceInfo[]): InstanceCatalog {
  const byType = new Map(instances.map((i) => [i.instanceType, i] as const));
  return {
    all: () => instances,
    get: (instanceType) => byType.get(instanceType),
  };
}

let loaded: { file: LoadedInstanceCatalog; catalog: InstanceCatalog } | undefined;

// Read on first use and kept: commands that never size or validate an instance never read the file.
function load(): { file: LoadedInstanceCatalog; catalog: InstanceCatalog } {
  if (!loaded) {
    const file = parseInstanceCatalog(readDataFile(INSTANCE_CATALOG_FILE));
    loaded = { file, catalog: createInstanceCatalog(file.instances) };
  }
  return loaded;
}

/** The catalog shipped in `data/instances.json`, loaded lazily and once. */
export const instanceCatalog: InstanceCatalog = {
  all: () => load().catalog.all(),
  get: (instanceType) => load().catalog.get(instanceType),
};

/** Where the catalog's figures come from (its `about`), for `mcc size` and docs. */
export function instanceCatalogAbout(): string {
  return load().file.about;
}
