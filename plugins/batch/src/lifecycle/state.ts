import type { ProjectState, StateStore } from '@mcc/sdk';

export const TARGET_ID = 'batch';

/** A resource mcc created (and so may delete) or found in place (and so leaves alone). */
export interface Owned {
  name: string;
  createdByMcc: boolean;
}

/** A transform job `mcc invoke` started, as last seen. */
export interface JobRecord {
  name: string;
  model: string;
  /** The S3 folder (or object) it read, and the folder its results go to. */
  input: string;
  output: string;
  startedAt: string;
  /** The last TransformJobStatus mcc saw (InProgress until it knows better). */
  status: string;
}

/** This target's section of `.mcc/state.json`. */
export interface BatchState {
  region: string;
  account?: string;
  role?: Owned & { arn: string; policyName?: string };
  /** The default bucket, when mcc created it: recorded, never deleted (it holds the data). */
  bucket?: Owned;
  /** Every model mcc created (one per image), the live one last. */
  models: string[];
  /** The image the live model runs. */
  image?: string;
  /** The project's S3 folders resolved for the account. */
  paths?: { input: string; output: string };
  /** Jobs in the order they started, the newest last. */
  jobs: JobRecord[];
  /** What a deploy that has not finished created: removed if it fails, reused if it was cut short. */
  pending?: { startedAt: string; created: string[] };
}

/** Job states after which nothing changes. */
export const FINISHED = new Set(['Completed', 'Failed', 'Stopped']);

export function readBatch(store: StateStore): BatchState | undefined {
  const section = store.read().targets[TARGET_ID] as BatchState | undefined;
  return section ? { ...section, models: section.models ?? [], jobs: section.jobs ?? [] } : undefined;
}

/** Saves this target's section at once, so an interruption after any call loses nothing. */
export function saveBatch(store: StateStore, section: BatchState | undefined): void {
  const state: ProjectState = store.read();
  if (section === undefined) delete state.targets[TARGET_ID];
  else state.targets[TARGET_ID] = section;
  store.write(state);
}

/** Records a job's newest status in the stored section. */
export function recordJobStatus(store: StateStore, name: string, status: string): void {
  const section = readBatch(store);
  const job = section?.jobs.find((j) => j.name === name);
  if (!section || !job || job.status === status) return;
  job.status = status;
  saveBatch(store, section);
}
