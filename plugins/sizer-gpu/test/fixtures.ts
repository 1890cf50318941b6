import { readdirSync, readFileSync } from 'node:fs';
import type { InstanceCatalog, InstanceInfo, SizingRequest, Workload } from '@mcc/sdk';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

type Raw = {
  instance_type: string;
  family: string;
  realtime_endpoint_valid: boolean;
  vcpu: number;
  memory_gib: number;
  accelerator?: {
    kind: 'gpu' | 'neuron';
    model: string;
    count: number;
    memory_per_device_mib: number | null;
    memory_per_device_gib_nominal: number | null;
  } | null;
  price_usd_per_hour_us_east_1?: number | null;
};

/**
 * The real catalog (a copy of the shared data: plugins cannot read core's), normalised the way
 * core does it: real-time types only, nominal GiB where EC2 gives no MiB, absent unknown prices.
 */
function loadCatalog(): InstanceInfo[] {
  const file = JSON.parse(readFileSync(new URL('./fixtures/instances.json', import.meta.url), 'utf8')) as {
    instances: Raw[];
  };
  return file.instances
    .filter((r) => r.realtime_endpoint_valid)
    .map((r) => {
      const info: InstanceInfo = {
        instanceType: r.instance_type,
        family: r.family,
        vcpu: r.vcpu,
        memoryGiB: r.memory_gib,
      };
      const a = r.accelerator;
      if (a) {
        info.accelerator = {
          kind: a.kind,
          model: a.model,
          count: a.count,
          memoryPerDeviceMiB: a.memory_per_device_mib ?? (a.memory_per_device_gib_nominal ?? 0) * 1024,
        };
      }
      if (r.price_usd_per_hour_us_east_1) info.priceUsdPerHour = r.price_usd_per_hour_us_east_1;
      return info;
    });
}

export const instances = loadCatalog();

export function catalogOf(list: readonly InstanceInfo[]): InstanceCatalog {
  return { all: () => list, get: (type) => list.find((i) => i.instanceType === type) };
}

export const catalog = catalogOf(instances);

/** An instance for hand-made catalogs. */
export function gpu(
  instanceType: string,
  count: number,
  memoryPerDeviceMiB: number,
  priceUsdPerHour?: number,
): InstanceInfo {
  const info: InstanceInfo = {
    instanceType,
    family: instanceType.split('.')[1]!,
    vcpu: 4 * count,
    memoryGiB: 16 * count,
    accelerator: { kind: 'gpu', model: 'Test GPU', count, memoryPerDeviceMiB },
  };
  if (priceUsdPerHour !== undefined) info.priceUsdPerHour = priceUsdPerHour;
  return info;
}

export type Config = Record<string, unknown>;

/** Every config in fixtures/hf-configs (copies of the shared ones), by file name. */
export const hfConfigs: Record<string, Config> = Object.fromEntries(
  readdirSync(new URL('./fixtures/hf-configs/', import.meta.url)).map((name) => [
    name.replace(/\.json$/, ''),
    JSON.parse(readFileSync(new URL(`./fixtures/hf-configs/${name}`, import.meta.url), 'utf8')) as Config,
  ]),
);

export const LLAMA_8B = hfConfigs['meta-llama__Llama-3.1-8B-Instruct']!;
export const MIXTRAL = hfConfigs['mistralai__Mixtral-8x7B-Instruct-v0.1']!;
export const FALCON_7B = hfConfigs['tiiuae__falcon-7b']!;
export const GEMMA_2_9B = hfConfigs['google__gemma-2-9b-it']!;
export const QWEN_72B = hfConfigs['Qwen__Qwen2.5-72B-Instruct']!;
export const TINYLLAMA = hfConfigs['TinyLlama__TinyLlama-1.1B-Chat-v1.0']!;

/** A sizing request for a Hub model with this config. */
export function request(
  config: Config | undefined,
  workload?: Workload,
  extra: { safetensorsParameters?: Record<string, number> } = {},
): SizingRequest {
  return {
    model: {
      source: 'huggingface',
      location: 'org/model',
      sample: false,
      delivery: 'runtime',
      hub: {
        id: 'org/model',
        revision: 'main',
        gated: false,
        ...(config ? { config } : {}),
        ...(extra.safetensorsParameters ? { safetensorsParameters: extra.safetensorsParameters } : {}),
      },
    },
    server: { id: 'vllm', accelerator: 'gpu' },
    ...(workload ? { workload } : {}),
  };
}
