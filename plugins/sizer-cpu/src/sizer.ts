import { defineSizer, type InstanceInfo, type Recommendation, type SizingRequest } from '@mcc/sdk';
import { DEFAULT_MEMORY_PER_MODEL_BYTE, estimateServing, type ServingEstimate } from './estimate.js';
import { CPU_FAMILIES, familyRank } from './families.js';
import { explain } from './reason.js';

/** A handful to choose from; the first is the recommendation. */
export const MAX_RECOMMENDATIONS = 5;

interface Candidate {
  instance: InstanceInfo;
  rank: number;
  estimate: ServingEstimate;
}

/**
 * Best first. The vCPU count comes first because, within these families, the on-demand price grows
 * with it (one worker per vCPU also sets throughput); then the family preference; then memory. Known
 * prices are too sparse in the catalog to order by without ranking priced and unpriced instances
 * inconsistently, so they are shown, not compared.
 */
function compare(a: Candidate, b: Candidate): number {
  return (
    a.instance.vcpu - b.instance.vcpu ||
    a.rank - b.rank ||
    a.instance.memoryGiB - b.instance.memoryGiB ||
    a.instance.instanceType.localeCompare(b.instance.instanceType)
  );
}

function memoryPerModelByte(request: SizingRequest): number {
  const given = request.server.memoryPerModelByte;
  return given !== undefined && Number.isFinite(given) && given > 0 ? given : DEFAULT_MEMORY_PER_MODEL_BYTE;
}

export const cpuSizer = defineSizer({
  id: 'cpu',
  summary: 'Picks a CPU instance for a predictive model from its size on disk',
  accelerator: 'cpu',
  recommend(request, { catalog }): Recommendation[] {
    if (request.server.accelerator !== 'cpu') return [];
    const factor = memoryPerModelByte(request);
    const sizeBytes = request.model.sizeBytes;
    const candidates: Candidate[] = [];
    for (const instance of catalog.all()) {
      const rank = familyRank(instance.family);
      if (instance.accelerator || rank === undefined) continue;
      const estimate = estimateServing(instance, sizeBytes ?? 0, factor);
      if (estimate) candidates.push({ instance, rank, estimate });
    }
    return candidates
      .sort(compare)
      .slice(0, MAX_RECOMMENDATIONS)
      .map(({ instance, rank, estimate }) => {
        const kind = CPU_FAMILIES[rank]!.kind;
        const recommendation: Recommendation = {
          instanceType: instance.instanceType,
          vcpu: instance.vcpu,
          memoryGiB: instance.memoryGiB,
          acceleratorCount: 0,
          estimatedMemoryBytes: estimate.estimatedBytes,
          reason: explain(instance, kind, estimate, { sizeBytes, memoryPerModelByte: factor }),
        };
        if (instance.priceUsdPerHour !== undefined) recommendation.priceUsdPerHour = instance.priceUsdPerHour;
        return recommendation;
      });
  },
});
