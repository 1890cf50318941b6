import type { TargetLifecycle } from '../../lifecycle/verbs.js';
import type { ProjectModel } from '../../model.js';
import type { OptionValues } from '../../options.js';
import type { ProjectInput } from '../../project.js';
import type { Target } from '../../target.js';
import { checkedContext } from './context-purity.js';
import { checkFileRules } from './file-rules.js';
import { checkIdentity } from './identity.js';
import { resolveTestOptions } from './option-defaults.js';
import { checkPlan } from './plan-checks.js';
import { problem } from './problem.js';
import type { CommonConformanceOptions, ConformanceProblem } from './problem.js';
import {
  CPU_TEST_INSTANCE,
  GPU_TEST_INSTANCE,
  testModel,
  testProjectInput,
  testSampleModel,
} from './project-input.js';
import { isUsageError } from './refusal.js';
import { renderAndCheck } from './render-checks.js';
import type { ShellcheckMode } from './shellcheck.js';

/** How `checkTargetConformance` builds its projects, and what it runs. */
export interface TargetConformanceOptions extends CommonConformanceOptions {
  /** Values laid over the options' defaults in every project. */
  optionValues?: OptionValues;
  /** Further option sets, each checked over the same projects as the defaults. */
  optionSets?: readonly OptionValues[];
  /** Default `auto`: shellcheck runs when installed, and its absence is a note. */
  shellcheck?: ShellcheckMode;
  /** Report a lifecycle without `planDeploy` (default: a target may have no plan). */
  requirePlan?: boolean;
  /** Region of every project; default `us-east-1`. */
  region?: string;
}

/** A predictive model per source, or an LLM's checkpoint for the sources that fetch at start-up. */
function modelFrom(source: string): ProjectModel {
  if (source === 'sample') return testSampleModel({ format: 'joblib', fileName: 'model.joblib' });
  if (source === 'local') {
    return testModel(source, { id: 'joblib', summary: 'joblib', extensions: ['.joblib'], layout: 'file' });
  }
  return testModel(source, { id: 'huggingface', summary: 'checkpoint', extensions: [], layout: 'directory' });
}

const SERVER_FOR: Record<'cpu' | 'gpu', { id: string; http?: string; baseImage: string }> = {
  cpu: { id: 'sklearn', http: 'flask', baseImage: 'public.ecr.aws/docker/library/python:3.12-slim' },
  gpu: { id: 'vllm', baseImage: 'vllm/vllm-openai:latest' },
};

/**
 * The projects a target is checked with: one per model source it deploys and accelerator it
 * hosts, each the plainest project core would build (a sample or local model behind sklearn on a
 * CPU, a fetched checkpoint behind vLLM on a GPU).
 */
function projects(
  target: Target,
  values: OptionValues,
  region: string,
): { label: string; input: ProjectInput }[] {
  const sources = target.sources ?? ['sample', 'local', 'huggingface', 's3'];
  const built: { label: string; input: ProjectInput }[] = [];
  for (const accelerator of target.accelerators) {
    for (const source of sources) {
      const server = SERVER_FOR[accelerator];
      const input = testProjectInput({
        model: modelFrom(source),
        server: { ...server, options: {} },
        // As core builds it, with the target's request limit when it declares one.
        target: {
          id: target.id,
          options: values,
          ...(target.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: target.maxPayloadBytes }),
          ...(target.requestTimeoutSeconds === undefined
            ? {}
            : { requestTimeoutSeconds: target.requestTimeoutSeconds }),
        },
        instance: accelerator === 'gpu' ? GPU_TEST_INSTANCE : CPU_TEST_INSTANCE,
        region,
        name: `${target.id}-conformance`,
      });
      built.push({ label: `${source} model on a ${accelerator.toUpperCase()} (${server.id})`, input });
    }
  }
  return built;
}

/**
 * Checks a Target plugin: its file rules, its templates rendered for the plainest projects it can
 * deploy (no leftovers, declared files, do/ scripts clean under shellcheck), its `context()` pure,
 * and its `planDeploy`, when it has one, pure: no network, no state written, the same twice.
 *
 * Rules: `identity`, `minimal-inputs`, `renders`, `pure-context`, `no-leftovers`,
 * `declared-files`, `shellcheck`, `pure-plan` (see docs/plugins.md).
 */
export async function checkTargetConformance(
  target: Target,
  options: TargetConformanceOptions = {},
): Promise<ConformanceProblem[]> {
  const note = options.onNote ?? (() => undefined);
  const rules = target.files ?? [];
  const problems: ConformanceProblem[] = [
    ...checkIdentity(target, 'target', 'defineTarget'),
    ...(await checkFileRules(`Target ${target.id}`, target.templatesDir, rules)),
  ];
  let lifecycle: TargetLifecycle | undefined;
  if (target.lifecycle) {
    try {
      lifecycle = await target.lifecycle();
    } catch (error) {
      problems.push(
        problem('pure-plan', `Target ${target.id}'s lifecycle() failed to load: ${String(error)}`),
      );
    }
  }
  if (options.requirePlan && !lifecycle?.planDeploy) {
    problems.push(
      problem(
        'pure-plan',
        `Target ${target.id} has no planDeploy, so \`mcc deploy --plan\` cannot show its calls.`,
      ),
    );
  }
  let rendered = 0;
  for (const optionSet of [{}, ...(options.optionSets ?? [])]) {
    const { values, missing } = resolveTestOptions(target.options, { ...options.optionValues, ...optionSet });
    if (missing.length > 0) {
      problems.push(
        problem(
          'minimal-inputs',
          `Target ${target.id}: required option(s) ${missing.join(', ')} have no default; pass their values in optionValues.`,
        ),
      );
      continue;
    }
    for (const { label, input } of projects(target, values, options.region ?? 'us-east-1')) {
      const outcome = checkedContext((i) => target.context(i), input, label, problems);
      if ('error' in outcome) {
        if (isUsageError(outcome.error)) note(`${target.id} refused ${label}: ${String(outcome.error)}`);
        else problems.push(problem('renders', `context() threw for ${label}: ${String(outcome.error)}`));
        continue;
      }
      const files = await renderAndCheck(
        {
          owner: `Target ${target.id}`,
          templatesDir: target.templatesDir,
          rules,
          locals: { ...input, ctx: outcome.ctx },
          scenario: label,
          shellcheck: options.shellcheck ?? 'auto',
          note,
        },
        problems,
      );
      if (!files) continue;
      rendered += 1;
      if (lifecycle) problems.push(...(await checkPlan(lifecycle, input, files, label)));
    }
  }
  if (rendered === 0) {
    problems.push(problem('renders', `Target ${target.id} renders no project with minimal inputs.`));
  }
  return problems;
}
