import type { InstanceCatalog } from '../../instance.js';
import type { Recommendation, Sizer, SizingRequest } from '../../sizer.js';
import { checkIdentity } from './identity.js';
import { problem } from './problem.js';
import type { CommonConformanceOptions, ConformanceProblem } from './problem.js';
import { isUsageError } from './refusal.js';
import { defaultSizingRequests } from './sizing-requests.js';
import { firstDifference, sameSnapshot, snapshot } from './snapshot.js';
import { testCatalog } from './test-catalog.js';

/** What `checkSizerConformance` asks the sizer, and the order it holds the answers to. */
export interface SizerConformanceOptions extends CommonConformanceOptions {
  /** Default: the kit's small test catalog (`testCatalog()`). */
  catalog?: InstanceCatalog;
  /**
   * Default: a few requests any sizer of the accelerator should answer (see
   * `defaultSizingRequests`); with the defaults, an empty answer is itself a problem.
   */
  requests?: readonly SizingRequest[];
  /**
   * The order the sizer claims, as a comparator (negative when `a` must come first). Default:
   * cheapest first by hourly price, types without a known price after those with one.
   */
  order?: (a: Recommendation, b: Recommendation) => number;
}

/** Cheapest first; an unknown price ranks after every known one. */
export function byHourlyPrice(a: Recommendation, b: Recommendation): number {
  const pa = a.priceUsdPerHour;
  const pb = b.priceUsdPerHour;
  if (pa === undefined || pb === undefined) return (pa === undefined ? 1 : 0) - (pb === undefined ? 1 : 0);
  return pa - pb;
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** The memory an estimate is held against when the sizer does not say: the whole host, or all GPUs. */
function usableOf(sizer: Sizer, rec: Recommendation, catalog: InstanceCatalog): number | undefined {
  if (rec.usableMemoryBytes !== undefined) return rec.usableMemoryBytes;
  const info = catalog.get(rec.instanceType);
  if (!info) return undefined;
  if (sizer.accelerator === 'cpu') return info.memoryGiB * GiB;
  const devices = rec.tensorParallelDegree ?? info.accelerator?.count ?? 0;
  return devices * (info.accelerator?.memoryPerDeviceMiB ?? 0) * MiB;
}

function recommendationProblems(
  sizer: Sizer,
  recs: readonly Recommendation[],
  catalog: InstanceCatalog,
  order: (a: Recommendation, b: Recommendation) => number,
  label: string,
): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  const seen = new Set<string>();
  recs.forEach((rec, index) => {
    const where = `${rec.instanceType} (#${index + 1} for ${label})`;
    const key = `${rec.instanceType}/${rec.tensorParallelDegree ?? ''}`;
    if (seen.has(key)) problems.push(problem('no-duplicates', `${where} is recommended twice.`));
    seen.add(key);
    const next = recs[index + 1];
    if (next && order(rec, next) > 0) {
      problems.push(
        problem(
          'sorted',
          `${where} is ranked before ${next.instanceType}, against the order the sizer claims.`,
        ),
      );
    }
    const info = catalog.get(rec.instanceType);
    if (!info) {
      problems.push(problem('catalog', `${where} is not in the catalog the sizer was given.`));
    } else {
      const devices = info.accelerator?.count ?? 0;
      if (rec.vcpu !== info.vcpu || rec.memoryGiB !== info.memoryGiB || rec.acceleratorCount !== devices) {
        problems.push(problem('catalog', `${where} reports figures that differ from the catalog's.`));
      }
      if ((sizer.accelerator === 'gpu') !== (info.accelerator?.kind === 'gpu')) {
        problems.push(
          problem('catalog', `${where} does not suit a ${sizer.accelerator.toUpperCase()} sizer.`),
        );
      }
      if (
        rec.tensorParallelDegree !== undefined &&
        (rec.tensorParallelDegree < 1 || rec.tensorParallelDegree > devices)
      ) {
        problems.push(
          problem('feasible', `${where} splits over ${rec.tensorParallelDegree} devices; it has ${devices}.`),
        );
      }
    }
    const usable = usableOf(sizer, rec, catalog);
    if (!Number.isFinite(rec.estimatedMemoryBytes) || rec.estimatedMemoryBytes <= 0) {
      problems.push(
        problem('feasible', `${where} has no usable memory estimate (${String(rec.estimatedMemoryBytes)}).`),
      );
    } else if (usable !== undefined && rec.estimatedMemoryBytes > usable) {
      problems.push(
        problem(
          'feasible',
          `${where} needs an estimated ${rec.estimatedMemoryBytes} bytes but offers ${usable}: it does not fit.`,
        ),
      );
    }
    if (
      typeof rec.reason !== 'string' ||
      rec.reason.trim() === '' ||
      /\bundefined\b|\bNaN\b|\[object Object\]/.test(rec.reason)
    ) {
      problems.push(problem('explained', `${where} has no readable reason: ${JSON.stringify(rec.reason)}.`));
    }
  });
  return problems;
}

/**
 * Checks a Sizer plugin: for each request, its recommendations are in the order it claims, each
 * feasible (estimated memory within what the instance offers), drawn from the catalog with its
 * figures, never twice the same, explained; and it answers the same twice without changing the
 * request. A usage error is the sizer declining a request (noted); any other error is a problem.
 *
 * Rules: `identity`, `recommends`, `sorted`, `feasible`, `catalog`, `no-duplicates`, `explained`,
 * `deterministic` (see docs/plugins.md).
 */
export async function checkSizerConformance(
  sizer: Sizer,
  options: SizerConformanceOptions = {},
): Promise<ConformanceProblem[]> {
  const note = options.onNote ?? (() => undefined);
  const catalog = options.catalog ?? testCatalog();
  const requests = options.requests ?? defaultSizingRequests(sizer.accelerator);
  const order = options.order ?? byHourlyPrice;
  const problems: ConformanceProblem[] = checkIdentity(sizer, 'sizer', 'defineSizer');
  for (const [index, request] of requests.entries()) {
    const label = `request ${index + 1} (${request.model.hub?.id ?? request.model.location ?? request.model.source})`;
    const before = snapshot(request);
    let first: Recommendation[];
    let second: Recommendation[];
    try {
      first = sizer.recommend(request, { catalog });
      second = sizer.recommend(request, { catalog });
    } catch (error) {
      if (isUsageError(error)) note(`${sizer.id} declined ${label}: ${String(error)}`);
      else problems.push(problem('recommends', `recommend() threw for ${label}: ${String(error)}`));
      continue;
    }
    if (!sameSnapshot(before, snapshot(request))) {
      problems.push(
        problem(
          'deterministic',
          `recommend() changed the request at ${firstDifference(before, request)} (${label}).`,
        ),
      );
    }
    if (!sameSnapshot(first, second)) {
      problems.push(
        problem(
          'deterministic',
          `recommend() answered differently twice, at ${firstDifference(first, second)} (${label}).`,
        ),
      );
    }
    if (!Array.isArray(first)) {
      problems.push(problem('recommends', `recommend() returned ${typeof first}, not a list (${label}).`));
      continue;
    }
    if (first.length === 0 && options.requests === undefined) {
      problems.push(
        problem('recommends', `recommend() found nothing for ${label}, which fits the test catalog.`),
      );
    }
    problems.push(...recommendationProblems(sizer, first, catalog, order, label));
  }
  return problems;
}
