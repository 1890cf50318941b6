import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isMcError } from '../../errors.js';
import type { ResolvedModel } from '../../model.js';
import type { ModelSource, ModelSourceInput } from '../../model-source.js';
import { checkIdentity } from './identity.js';
import { withoutNetwork } from './network-guard.js';
import { problem } from './problem.js';
import type { CommonConformanceOptions, ConformanceProblem } from './problem.js';
import { ForbiddenAws } from './recording-aws.js';
import { isUsageError } from './refusal.js';

/** What `checkModelSourceConformance` resolves. */
export interface ModelSourceConformanceOptions extends CommonConformanceOptions {
  /**
   * Locations the source must resolve with `--offline` (a Hub id, an S3 URI, a path relative to
   * `cwd`). Default: none for a source that needs a location, one resolution without any otherwise.
   */
  validLocations?: readonly string[];
  /**
   * Locations the source must refuse with a usage error naming them. Default, for a source that
   * needs a location: a value no source accepts.
   */
  invalidLocations?: readonly string[];
  /** The folder relative locations are taken from; default a new empty temporary folder. */
  cwd?: string;
}

const DELIVERIES: readonly ResolvedModel['delivery'][] = ['copy', 'train', 'runtime'];

/** A location no source should accept: not a path that exists, a hub id, nor a URI. */
export const UNACCEPTABLE_LOCATION = '::no such model:: <?>';

interface Resolution {
  result?: ResolvedModel;
  error?: unknown;
  problems: ConformanceProblem[];
}

/** Resolves offline with the network closed and an AWS that refuses, and reports any attempt. */
async function resolveOffline(
  source: ModelSource,
  input: ModelSourceInput,
  label: string,
): Promise<Resolution> {
  const aws = new ForbiddenAws('us-east-1', 'the model source was asked to resolve offline');
  const guarded = await withoutNetwork(() =>
    source.resolve({ ...input, offline: true, aws: async () => aws }),
  );
  const problems: ConformanceProblem[] = [];
  for (const attempt of guarded.attempts) {
    problems.push(
      problem(
        'offline',
        `Resolving ${label} with --offline tried the network (${attempt.kind} to ${attempt.target}).`,
      ),
    );
  }
  for (const call of aws.calls) {
    problems.push(
      problem('offline', `Resolving ${label} with --offline called AWS (${call.service}:${call.operation}).`),
    );
  }
  return { ...(guarded.result ? { result: guarded.result } : {}), error: guarded.error, problems };
}

function shapeProblems(source: ModelSource, model: ResolvedModel, label: string): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  const bad = (what: string): void => {
    problems.push(problem('resolved-model', `Resolving ${label} gave a model whose ${what}.`));
  };
  if (model.source !== source.id) bad(`source is ${JSON.stringify(model.source)}, not "${source.id}"`);
  if (!DELIVERIES.includes(model.delivery))
    bad(`delivery is ${JSON.stringify(model.delivery)}, not copy, train or runtime`);
  if (typeof model.sample !== 'boolean') bad('sample flag is not a boolean');
  if (model.sizeBytes !== undefined && !(Number.isFinite(model.sizeBytes) && model.sizeBytes >= 0)) {
    bad(`sizeBytes is ${String(model.sizeBytes)}`);
  }
  if (model.delivery === 'copy' && !model.location)
    bad('delivery is copy but it has no location to copy from');
  return problems;
}

/**
 * Checks a ModelSource plugin: with `--offline` it resolves without any network I/O or AWS call
 * (the network is closed and AWS refuses while it runs), what it resolves is well formed, and a
 * wrong or missing location is a usage error (an McError with exit code 2) whose message names the
 * value, so the user sees what they typed and what is accepted.
 *
 * Rules: `identity`, `offline`, `resolved-model`, `usage-errors` (see docs/plugins.md).
 */
export async function checkModelSourceConformance(
  source: ModelSource,
  options: ModelSourceConformanceOptions = {},
): Promise<ConformanceProblem[]> {
  const problems: ConformanceProblem[] = checkIdentity(source, 'model-source', 'defineModelSource');
  const ownCwd =
    options.cwd === undefined ? await mkdtemp(join(tmpdir(), 'mcc-conformance-source-')) : undefined;
  const cwd = options.cwd ?? ownCwd!;
  try {
    const valid: (string | undefined)[] = options.validLocations
      ? [...options.validLocations]
      : source.needsLocation
        ? []
        : [undefined];
    for (const location of valid) {
      const label = location === undefined ? `${source.id} (no location)` : `${source.id} "${location}"`;
      const outcome = await resolveOffline(
        source,
        { ...(location === undefined ? {} : { location }), cwd, offline: true },
        label,
      );
      problems.push(...outcome.problems);
      if (outcome.error !== undefined) {
        problems.push(
          problem('offline', `Resolving ${label} with --offline failed: ${String(outcome.error)}`),
        );
      } else if (outcome.result) {
        problems.push(...shapeProblems(source, outcome.result, label));
      }
    }
    const invalid = options.invalidLocations ?? (source.needsLocation ? [UNACCEPTABLE_LOCATION] : []);
    for (const location of invalid) {
      const label = `${source.id} "${location}"`;
      const outcome = await resolveOffline(source, { location, cwd, offline: true }, label);
      problems.push(...outcome.problems);
      if (outcome.error === undefined) {
        problems.push(
          problem('usage-errors', `${label} was accepted; it should be refused with a usage error.`),
        );
      } else if (!isUsageError(outcome.error)) {
        const what = isMcError(outcome.error)
          ? `an McError with exit code ${outcome.error.exitCode}`
          : `${String(outcome.error)}`;
        problems.push(
          problem(
            'usage-errors',
            `${label} was refused with ${what}, not a usage error (McError, exit code 2).`,
          ),
        );
      } else if (!(outcome.error as Error).message.includes(location.trim())) {
        problems.push(
          problem(
            'usage-errors',
            `Refusing ${label}, the message does not name the value: ${(outcome.error as Error).message}`,
          ),
        );
      }
    }
    if (source.needsLocation) {
      const outcome = await resolveOffline(source, { cwd, offline: true }, `${source.id} without a location`);
      problems.push(...outcome.problems);
      if (!isUsageError(outcome.error)) {
        problems.push(
          problem(
            'usage-errors',
            `${source.id} needs a location, but resolving without one ${outcome.error === undefined ? 'succeeded' : `threw ${String(outcome.error)}`} instead of a usage error.`,
          ),
        );
      }
    }
    return problems;
  } finally {
    if (ownCwd) await rm(ownCwd, { recursive: true, force: true });
  }
}
