import { defineSizer, type InstanceInfo, type Recommendation } from '@mcc/sdk';
import { BYTES_PER_PARAMETER } from './dtype.js';
import { estimatePerGpu, type ModelDemand } from './estimate.js';
import { modelFacts, type ModelFacts } from './model-facts.js';
import { compareCandidates, type Candidate } from './rank.js';
import { explain } from './reason.js';
import { validDegrees } from './tensor-parallel.js';
import { planWorkload, type PlannedWorkload } from './workload.js';

/**
 * The best split of the model on one instance: the largest degree the model splits over and the
 * instance has GPUs for (the most memory, and the GPUs paid for in use) that fits, or the given one.
 */
function bestFit(
  instance: InstanceInfo,
  demand: ModelDemand,
  degrees: readonly number[],
  fraction: number,
): Candidate | undefined {
  const gpu = instance.accelerator;
  if (gpu?.kind !== 'gpu') return undefined; // CPU and Neuron instances are other sizers' business
  for (const tp of degrees) {
    if (tp > gpu.count) continue;
    const estimate = estimatePerGpu(demand, gpu.memoryPerDeviceMiB, tp, fraction);
    if (estimate.fits) return { instance, estimate };
  }
  return undefined;
}

function toRecommendation(
  { instance, estimate }: Candidate,
  facts: ModelFacts,
  workload: PlannedWorkload,
): Recommendation {
  const tp = estimate.tensorParallelDegree;
  const breakdown = {
    weightsBytes: facts.weightsBytes,
    kvCacheBytes: estimate.kvPerGpu * tp,
    overheadBytes: estimate.overheadPerGpu * tp,
  };
  const recommendation: Recommendation = {
    instanceType: instance.instanceType,
    vcpu: instance.vcpu,
    memoryGiB: instance.memoryGiB,
    acceleratorCount: instance.accelerator!.count,
    estimatedMemoryBytes: breakdown.weightsBytes + breakdown.kvCacheBytes + breakdown.overheadBytes,
    usableMemoryBytes: estimate.usablePerGpu * tp,
    tensorParallelDegree: tp,
    maxModelLen: workload.maxModelLen,
    concurrency: workload.concurrency,
    breakdown,
    reason: explain(instance, estimate, facts, workload),
  };
  if (instance.priceUsdPerHour !== undefined) recommendation.priceUsdPerHour = instance.priceUsdPerHour;
  return recommendation;
}

/**
 * The GPU sizer: weights (parameters × bytes of the dtype) + KV cache (per token: 2 × layers × KV
 * heads × head dim × bytes, for max model length × concurrency tokens) + overhead, split over a
 * tensor-parallel degree, held against 90% of each GPU (or the workload's gpuMemoryUtilization). Every catalogued GPU instance where that
 * fits, best first (see `compareCandidates`); empty when none does. Bad input (no or incomplete
 * config.json, unknown dtype, a TP degree that does not split the heads) is a usage error.
 */
export const gpuSizer = defineSizer({
  id: 'gpu',
  summary:
    'Picks a GPU instance and tensor-parallel degree for an LLM from its config (weights, KV cache, overhead)',
  accelerator: 'gpu',
  recommend(request, { catalog }): Recommendation[] {
    if (request.server.accelerator !== 'gpu') return [];
    const known = modelFacts(request.model);
    const workload = planWorkload(request.workload, known.arch, known.label);
    const facts: ModelFacts = {
      ...known,
      weightsBytes: Math.ceil(known.parameters.total * BYTES_PER_PARAMETER[workload.dtype.precision]),
    };
    const demand: ModelDemand = {
      arch: facts.arch,
      weightsBytes: facts.weightsBytes,
      kvBytes: workload.dtype.kvBytes,
      tokens: workload.maxModelLen * workload.concurrency,
    };
    const degrees =
      workload.tensorParallelDegree === undefined
        ? validDegrees(facts.arch).reverse()
        : [workload.tensorParallelDegree];
    const candidates: Candidate[] = [];
    for (const instance of catalog.all()) {
      const fit = bestFit(instance, demand, degrees, workload.gpuMemoryUtilization);
      if (fit) candidates.push(fit);
    }
    return candidates.sort(compareCandidates).map((c) => toRecommendation(c, facts, workload));
  },
});
