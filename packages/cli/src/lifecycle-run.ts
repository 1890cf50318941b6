import { Flags } from '@oclif/core';
import type { Config } from '@oclif/core';
import {
  RetryingAwsApi,
  SdkAwsApi,
  SdkKubeConnector,
  StateFile,
  StderrProgress,
  TOKENS,
  explainAwsError,
  loadProject,
  sdkCredentials,
  systemClock,
} from '@mcc/core';
import type { ContributionRegistry, Logger } from '@mcc/core';
import { McError } from '@mcc/sdk';
import type { GeneratedProject, LifecycleVerb, TargetLifecycle, VerbContext } from '@mcc/sdk';

import { containerFor } from './run-container.js';

const MUTATING_VERBS: ReadonlySet<LifecycleVerb> = new Set(['deploy', 'destroy', 'push', 'submit']);

/** Flags every verb that runs inside a generated project takes. */
export const projectFlags = {
  'project-dir': Flags.string({
    description: 'The generated project (default: the current folder).',
    default: '.',
  }),
  region: Flags.string({
    description: 'AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION, then the project’s region).',
  }),
  profile: Flags.string({ description: 'AWS named profile (default: AWS_PROFILE or the default chain).' }),
  'kube-context': Flags.string({
    description:
      'Kubernetes targets (hyperpod-eks): use this context of KUBECONFIG (or ~/.kube/config) instead of finding the EKS cluster through SageMaker.',
  }),
};

export interface ProjectFlags {
  'project-dir': string;
  region?: string;
  profile?: string;
  'kube-context'?: string;
}

export interface OpenedProject {
  project: GeneratedProject;
  lifecycle: TargetLifecycle;
  targetId: string;
  region: string;
}

/** The project in `--project-dir`, and its target's verbs (loaded now, not before). */
export async function openProject(
  config: Config,
  logger: Logger,
  flags: ProjectFlags,
  verb: LifecycleVerb,
): Promise<OpenedProject> {
  const project = loadProject(flags['project-dir']);
  const container = await containerFor(config, logger);
  const registry = container.resolve<ContributionRegistry>(TOKENS.Registry);
  const targetId = project.input.target.id;
  const target = await registry.load('target', targetId);
  if (!target.lifecycle) {
    throw new McError(`The ${targetId} target has no ${verb} verb.`, { code: 'VERB_UNSUPPORTED' });
  }
  const lifecycle = await target.lifecycle();
  const region =
    flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? project.input.region;
  if (region !== project.input.region) {
    logger.warn(`Using region ${region}; the project was generated for ${project.input.region}.`);
  }
  return { project, lifecycle, targetId, region };
}

/** The target's implementation of `verb`, or an error naming the target that lacks it. */
export function verbOf<K extends keyof TargetLifecycle>(
  opened: OpenedProject,
  verb: K,
): NonNullable<TargetLifecycle[K]> {
  const implementation = opened.lifecycle[verb];
  if (!implementation) {
    throw new McError(`The ${opened.targetId} target has no ${verb} verb.`, { code: 'VERB_UNSUPPORTED' });
  }
  return implementation;
}

/**
 * Runs a verb with its context: AWS (throttling retried), the project's state under its lock, progress
 * on stderr, and Ctrl-C turned into an abort the verb honours between calls.
 */
export async function runVerb<T>(
  opened: OpenedProject,
  flags: ProjectFlags,
  verb: LifecycleVerb,
  work: (context: VerbContext) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const state = new StateFile(opened.project.dir);
  // Verbs that create or delete take the project's lock; reading ones (status, logs -f) must not
  // block a deploy.
  if (MUTATING_VERBS.has(verb)) state.lock(verb);
  try {
    const sdk = new SdkAwsApi({ region: opened.region, profile: flags.profile, signal: controller.signal });
    const aws = new RetryingAwsApi(sdk, systemClock);
    const context: VerbContext = {
      project: opened.project,
      aws,
      // Connects (and loads the Kubernetes client) only when a target's verb asks.
      kube: new SdkKubeConnector({
        aws,
        credentials: sdkCredentials(opened.region, flags.profile),
        ...(flags['kube-context'] === undefined ? {} : { kubeContext: flags['kube-context'] }),
        clock: systemClock,
      }),
      state,
      progress: new StderrProgress(),
      clock: systemClock,
      signal: controller.signal,
    };
    return await work(context);
  } catch (error) {
    throw explainAwsError(error);
  } finally {
    state.unlock();
    process.off('SIGINT', onSignal);
  }
}
