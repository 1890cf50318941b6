import { describe, expect, it } from 'vitest';
import { isMcError, type InstanceInfo } from '@mcc/sdk';
import { createInstanceCatalog } from '../src/catalog/catalog.js';
import { deriveInstance, vcpuFromInstanceType } from '../src/catalog/derive-instance.js';

const fixtures: InstanceInfo[] = [
  { instanceType: 'ml.m5.large', family: 'm5', vcpu: 2, memoryGiB: 8 },
  {
    instanceType: 'ml.g5.12xlarge',
    family: 'g5',
    vcpu: 48,
    memoryGiB: 192,
    accelerator: { kind: 'gpu', model: 'NVIDIA A10G', count: 4, memoryPerDeviceMiB: 22888 },
  },
];
const catalog = createInstanceCatalog(fixtures);

describe('deriveInstance for a catalogued type', () => {
  it('takes the figures from the catalog', () => {
    expect(deriveInstance('ml.m5.large', catalog)).toEqual({
      instanceType: 'ml.m5.large',
      vcpu: 2,
      memoryGiB: 8,
      acceleratorCount: 0,
      catalogued: true,
    });
    expect(deriveInstance('ml.g5.12xlarge', catalog)).toEqual({
      instanceType: 'ml.g5.12xlarge',
      vcpu: 48,
      memoryGiB: 192,
      acceleratorCount: 4,
      catalogued: true,
    });
  });

  it('uses the shipped catalog by default', () => {
    expect(deriveInstance('ml.g4dn.12xlarge')).toEqual({
      instanceType: 'ml.g4dn.12xlarge',
      vcpu: 48,
      memoryGiB: 192,
      acceleratorCount: 4,
      catalogued: true,
    });
  });
});

describe('deriveInstance for a valid type the catalog does not describe', () => {
  it('derives vCPUs from the size and leaves memory out', () => {
    const derived = deriveInstance('ml.m7i.2xlarge', catalog);
    expect(derived).toEqual({
      instanceType: 'ml.m7i.2xlarge',
      vcpu: 8,
      acceleratorCount: 0,
      catalogued: false,
    });
    expect(derived).not.toHaveProperty('memoryGiB');
  });

  it('counts at least one device on an accelerated family', () => {
    expect(deriveInstance('ml.g7.2xlarge', catalog).acceleratorCount).toBe(1);
    expect(deriveInstance('ml.inf1.xlarge', catalog).acceleratorCount).toBe(1);
    expect(deriveInstance('ml.p6-b200.48xlarge', catalog)).toMatchObject({ vcpu: 192, acceleratorCount: 1 });
    // A catalogued GPU type not in this fixture catalog falls back the same way.
    expect(deriveInstance('ml.g5.xlarge', catalog)).toMatchObject({
      vcpu: 4,
      acceleratorCount: 1,
      catalogued: false,
    });
    // Graviton families end in g but start with a CPU letter.
    expect(deriveInstance('ml.c6g.large', catalog).acceleratorCount).toBe(0);
  });
});

describe('deriveInstance for a type SageMaker refuses', () => {
  it('throws the usage error with suggestions', () => {
    let error: unknown;
    try {
      deriveInstance('ml.m5.larg', catalog);
    } catch (e) {
      error = e;
    }
    expect(isMcError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_INSTANCE_TYPE', exitCode: 2 });
    expect((error as { suggestions: string[] }).suggestions[0]).toContain('ml.m5.large');
  });
});

describe('vcpuFromInstanceType', () => {
  it.each([
    ['ml.m8g.medium', 1],
    ['ml.t2.medium', 2],
    ['ml.m5.large', 2],
    ['ml.t2.large', 2],
    ['ml.m5.xlarge', 4],
    ['ml.m5.2xlarge', 8],
    ['ml.c5.9xlarge', 36],
    ['ml.c7i.48xlarge', 192],
    ['ml.m5.metal', undefined],
    ['m5', undefined],
  ])('%s has %s vCPUs', (type, vcpu) => {
    expect(vcpuFromInstanceType(type)).toBe(vcpu);
  });

  it('agrees with the catalog for every catalogued CPU type', async () => {
    const { instanceCatalog } = await import('../src/catalog/catalog.js');
    for (const info of instanceCatalog.all()) {
      if (!info.accelerator)
        expect(vcpuFromInstanceType(info.instanceType), info.instanceType).toBe(info.vcpu);
    }
  });
});
