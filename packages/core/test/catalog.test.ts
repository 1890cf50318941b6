import { readFileSync } from 'node:fs';
import type * as NodeFs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { isMcError } from '@mcc/sdk';

// A pass-through spy, to see when (and how often) the catalog file is read.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  return { ...fs, readFileSync: vi.fn(fs.readFileSync) };
});

const { createInstanceCatalog, instanceCatalog, instanceCatalogAbout, parseInstanceCatalog } =
  await import('../src/catalog/catalog.js');

const catalogFileUrl = new URL('../data/instances.json', import.meta.url);
const readsOfCatalogFile = (): number =>
  vi.mocked(readFileSync).mock.calls.filter(([file]) => String(file).endsWith('/data/instances.json')).length;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('the shipped instance catalog', () => {
  it('is read on first use only, and once', () => {
    expect(readsOfCatalogFile()).toBe(0);
    const first = instanceCatalog.all();
    expect(instanceCatalog.all()).toBe(first);
    instanceCatalog.get('ml.m5.large');
    instanceCatalogAbout();
    expect(readsOfCatalogFile()).toBe(1);
  });

  it('holds every real-time entry of data/instances.json, normalised to camelCase', () => {
    const raw = JSON.parse(readFileSync(catalogFileUrl, 'utf8')) as {
      about: string;
      instances: { instance_type: string; realtime_endpoint_valid: boolean }[];
    };
    const expected = raw.instances.filter((i) => i.realtime_endpoint_valid).map((i) => i.instance_type);
    expect(instanceCatalog.all().map((i) => i.instanceType)).toEqual(expected);
    expect(instanceCatalogAbout()).toBe(raw.about);
    expect(instanceCatalogAbout()).toMatch(/price/i);
  });

  it('describes a CPU instance without an accelerator and without an unknown price', () => {
    const m5 = instanceCatalog.get('ml.m5.large');
    expect(m5).toEqual({ instanceType: 'ml.m5.large', family: 'm5', vcpu: 2, memoryGiB: 8 });
    expect(m5 && 'accelerator' in m5).toBe(false);
    expect(m5 && 'priceUsdPerHour' in m5).toBe(false);
    expect(instanceCatalog.get('ml.m5.xlarge')?.priceUsdPerHour).toBe(0.23);
  });

  it('describes accelerators, with device memory in MiB', () => {
    expect(instanceCatalog.get('ml.g5.12xlarge')).toEqual({
      instanceType: 'ml.g5.12xlarge',
      family: 'g5',
      vcpu: 48,
      memoryGiB: 192,
      accelerator: { kind: 'gpu', model: 'NVIDIA A10G', count: 4, memoryPerDeviceMiB: 22888 },
      priceUsdPerHour: 7.09,
    });
    // No MiB figure in the data for V100 and Neuron devices: the nominal GiB size stands in.
    expect(instanceCatalog.get('ml.p3.2xlarge')?.accelerator?.memoryPerDeviceMiB).toBe(16 * 1024);
    expect(instanceCatalog.get('ml.inf2.xlarge')?.accelerator).toMatchObject({ kind: 'neuron', count: 1 });
  });

  it('gives every entry positive figures and a family matching its type', () => {
    for (const info of instanceCatalog.all()) {
      expect(info.instanceType.split('.')[1], info.instanceType).toBe(info.family);
      expect(info.vcpu).toBeGreaterThan(0);
      expect(info.memoryGiB).toBeGreaterThan(0);
      if (info.accelerator) expect(info.accelerator.memoryPerDeviceMiB).toBeGreaterThan(0);
      if (info.priceUsdPerHour !== undefined) expect(info.priceUsdPerHour).toBeGreaterThan(0);
    }
  });

  it('answers undefined for a type it does not describe', () => {
    expect(instanceCatalog.get('ml.m7i.large')).toBeUndefined();
    expect(instanceCatalog.get('ML.M5.LARGE')).toBeUndefined();
  });
});

describe('parseInstanceCatalog', () => {
  const entry = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    instance_type: 'ml.m5.large',
    family: 'm5',
    realtime_endpoint_valid: true,
    vcpu: 2,
    memory_gib: 8.0,
    accelerator: null,
    price_usd_per_hour_us_east_1: null,
    ...over,
  });

  it('leaves out entries real-time endpoints do not accept', () => {
    const parsed = parseInstanceCatalog({
      about: 'fixture',
      instances: [entry(), entry({ instance_type: 'ml.m5.xlarge', realtime_endpoint_valid: false })],
    });
    expect(parsed.about).toBe('fixture');
    expect(parsed.instances.map((i) => i.instanceType)).toEqual(['ml.m5.large']);
  });

  it('keeps a known price and drops a null one', () => {
    const parsed = parseInstanceCatalog({
      about: '',
      instances: [entry({ price_usd_per_hour_us_east_1: 0.115 }), entry({ instance_type: 'ml.c5.large' })],
    });
    expect(parsed.instances[0]?.priceUsdPerHour).toBe(0.115);
    expect(parsed.instances[1]).not.toHaveProperty('priceUsdPerHour');
  });

  it.each([
    ['not an object', 42, /no "instances" list/],
    ['no list', { about: 'x' }, /no "instances" list/],
    [
      'a bad type',
      { instances: [entry({ instance_type: 'm5.large' })] },
      /entry 0 has no ml\.\* instance_type/,
    ],
    [
      'no vcpu',
      { instances: [entry({ vcpu: null })] },
      /ml\.m5\.large: family, vcpu and memory_gib are required/,
    ],
    ['a duplicate', { instances: [entry(), entry()] }, /ml\.m5\.large is listed twice/],
    [
      'an unknown accelerator kind',
      { instances: [entry({ accelerator: { kind: 'fpga', model: 'x', count: 1 } })] },
      /accelerator kind "fpga" is not gpu or neuron/,
    ],
    [
      'an accelerator without memory',
      { instances: [entry({ accelerator: { kind: 'gpu', model: 'x', count: 1 } })] },
      /accelerator has no device memory/,
    ],
  ])('rejects a file with %s, naming the problem', (_name, json, message) => {
    const error = thrown(() => parseInstanceCatalog(json));
    expect(isMcError(error) && error.code).toBe('INSTANCE_CATALOG_INVALID');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('data/instances.json');
  });
});

describe('createInstanceCatalog', () => {
  it('serves a fixed list by type', () => {
    const list = [{ instanceType: 'ml.c5.large', family: 'c5', vcpu: 2, memoryGiB: 4 }];
    const catalog = createInstanceCatalog(list);
    expect(catalog.all()).toBe(list);
    expect(catalog.get('ml.c5.large')).toBe(list[0]);
    expect(catalog.get('ml.c5.xlarge')).toBeUndefined();
  });
});
