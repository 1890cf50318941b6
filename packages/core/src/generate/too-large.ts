import { usageError } from '@mcc/sdk';
import type { InstanceCatalog, InstanceInfo, McError, Sizer, SizingRequest, Workload } from '@mcc/sdk';

/** The workload figures a user can change, by how they name them. */
type WorkloadSetting = 'dtype' | 'maxModelLen' | 'concurrency' | 'tensorParallelDegree' | 'gpuMemory';

/**
 * How the user names the workload's figures: `mcc size`'s flags (`--max-model-len 8192`), or the
 * server options of `mcc generate` (`--option max-model-len=8192`).
 */
export type WorkloadWording = 'size-flags' | 'server-options';

const FLAGS: Readonly<Record<WorkloadSetting, string>> = {
  dtype: 'dtype',
  maxModelLen: 'max-model-len',
  concurrency: 'concurrency',
  tensorParallelDegree: 'tensor-parallel-degree',
  gpuMemory: 'gpu-memory-utilization',
};

const OPTIONS: Readonly<Record<WorkloadSetting, string>> = {
  ...FLAGS,
  concurrency: 'max-concurrency',
};

function named(wording: WorkloadWording, setting: WorkloadSetting, value?: string | number): string {
  if (wording === 'size-flags') return `--${FLAGS[setting]}${value === undefined ? '' : ` ${value}`}`;
  return `--option ${OPTIONS[setting]}${value === undefined ? '' : `=${value}`}`;
}

const GiB = 1024 ** 3;
const gib = (bytes: number): number => Math.round((bytes / GiB) * 100) / 100;

// Stand-in GPUs too large to run out of memory: asking the sizer about them gives the model's need
// and the widest split it allows, for the message when nothing in the catalog fits.
const PROBE_MIB = 2 ** 30;
const probe = (count: number): InstanceInfo => ({
  instanceType: `probe.${count}`,
  family: 'probe',
  vcpu: 1,
  memoryGiB: 1,
  accelerator: { kind: 'gpu', model: 'probe', count, memoryPerDeviceMiB: PROBE_MIB },
});

const catalogOf = (instances: readonly InstanceInfo[]): InstanceCatalog => ({
  all: () => instances,
  get: (type) => instances.find((i) => i.instanceType === type),
});

/** The request with no tensor-parallel degree fixed: the sizer tries every split. */
function anySplit(request: SizingRequest): SizingRequest {
  const workload: Workload = { ...request.workload };
  delete workload.tensorParallelDegree;
  return { ...request, workload };
}

const gpuMemory = (i: InstanceInfo): number =>
  (i.accelerator?.count ?? 0) * (i.accelerator?.memoryPerDeviceMiB ?? 0);

/**
 * The error when a GPU sizer finds no instance in the catalog for the request, for `mcc size` and
 * `mcc generate` alike (`MODEL_TOO_LARGE`): with a degree the user fixed, the smallest split that
 * would fit without it; otherwise the model's need next to the largest GPU instance in the catalog.
 * `wording` names the figures to change as the command takes them.
 */
export function tooLargeError(
  sizer: Sizer,
  request: SizingRequest,
  catalog: InstanceCatalog,
  wording: WorkloadWording,
): McError {
  const id = request.model.hub?.id ?? request.model.location ?? 'the model';
  const given = request.workload?.tensorParallelDegree;
  const lighter = [
    `A smaller ${named(wording, 'dtype')} (fp8, int8, int4), a shorter ${named(wording, 'maxModelLen')} or a lower ${named(wording, 'concurrency')} needs less.`,
  ];
  if (given !== undefined) {
    const free = sizer.recommend(anySplit(request), { catalog });
    const smallest = [...free].sort(
      (a, b) =>
        (a.tensorParallelDegree ?? 1) - (b.tensorParallelDegree ?? 1) ||
        (a.usableMemoryBytes ?? 0) - (b.usableMemoryBytes ?? 0),
    )[0];
    if (smallest) {
      const tp = smallest.tensorParallelDegree ?? smallest.acceleratorCount;
      return usageError(
        'MODEL_TOO_LARGE',
        `${id} does not fit any GPU instance in mcc's catalog with tensor-parallel degree ${given}. The smallest split that fits is ${smallest.instanceType} with tensor-parallel degree ${tp} (${gib(smallest.estimatedMemoryBytes)} GiB of ${gib(smallest.usableMemoryBytes ?? 0)} GiB usable).`,
        [
          `Pass ${named(wording, 'tensorParallelDegree', tp)}, or leave it out to see every instance where it fits.`,
          ...lighter,
        ],
      );
    }
  }
  const probed = sizer.recommend(anySplit(request), { catalog: catalogOf([probe(1), probe(8)]) });
  const one = probed.find((r) => r.instanceType === 'probe.1');
  const widest = probed.find((r) => r.instanceType === 'probe.8');
  const largest = catalog
    .all()
    .filter((i) => i.accelerator?.kind === 'gpu')
    .sort((a, b) => gpuMemory(b) - gpuMemory(a))[0];
  const need = one
    ? `needs about ${gib(one.estimatedMemoryBytes)} GiB of GPU memory (weights ${gib(one.breakdown?.weightsBytes ?? 0)} GiB, KV cache ${gib(one.breakdown?.kvCacheBytes ?? 0)} GiB, overhead ${gib(one.breakdown?.overheadBytes ?? 0)} GiB)`
    : 'needs more GPU memory than any instance has';
  const split = widest ?? one;
  const splitWords = split ? ` and splits over at most ${split.tensorParallelDegree ?? 1} GPUs` : '';
  const biggest = largest
    ? ` The largest GPU instance in mcc's catalog is ${largest.instanceType}: ${largest.accelerator!.count} × ${largest.accelerator!.model}, ${gib(gpuMemory(largest) * 1024 * 1024)} GiB in all.`
    : ' mcc’s catalog has no GPU instance.';
  return usageError(
    'MODEL_TOO_LARGE',
    `${id} fits no GPU instance in mcc's catalog: it ${need}${splitWords}.${biggest}`,
    lighter,
  );
}
