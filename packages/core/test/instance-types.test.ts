import { readFileSync } from 'node:fs';
import { ProductionVariantInstanceType } from '@aws-sdk/client-sagemaker';
import { describe, expect, it } from 'vitest';
import { realtimeInstanceTypes } from '../src/catalog/realtime-types.js';
import { vcpuFromInstanceType } from '../src/catalog/derive-instance.js';

// The CLI validates instance types against a generated copy of the SDK's enum (importing the SDK at
// start-up costs ~160 ms); these tests fail as soon as the installed SDK and the copy disagree.
const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8')) as unknown;

const sdkTypes: string[] = Object.values(ProductionVariantInstanceType);
const outOfDate =
  'packages/core/data/realtime-instance-types.json differs from @aws-sdk/client-sagemaker: ' +
  'run `node packages/core/scripts/sync-instance-types.mjs` and commit the result';

describe('data/realtime-instance-types.json', () => {
  it("equals the AWS SDK's ProductionVariantInstanceType values, sorted", () => {
    expect(readJson('realtime-instance-types.json'), outOfDate).toEqual([...new Set(sdkTypes)].sort());
  });

  it('is what realtimeInstanceTypes() serves', () => {
    expect(realtimeInstanceTypes()).toEqual(readJson('realtime-instance-types.json'));
  });

  it('only holds types whose size gives their vCPUs (medium, large, xlarge, Nxlarge)', () => {
    const odd = realtimeInstanceTypes().filter((t) => vcpuFromInstanceType(t) === undefined);
    expect(odd).toEqual([]);
  });
});

describe('data/instances.json', () => {
  it("lists as real-time only types the SDK's enum accepts", () => {
    const catalog = readJson('instances.json') as {
      instances: { instance_type: string; realtime_endpoint_valid: boolean }[];
    };
    const accepted = new Set(sdkTypes);
    const unknown = catalog.instances
      .filter((i) => i.realtime_endpoint_valid && !accepted.has(i.instance_type))
      .map((i) => i.instance_type);
    expect(unknown, 'catalog entries marked realtime_endpoint_valid that the SDK does not list').toEqual([]);
  });
});
