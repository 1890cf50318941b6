import type { ModelFormat, ProjectModel } from '../../model.js';
import type { OptionValues } from '../../options.js';
import type { ProjectInput } from '../../project.js';
import type { Server } from '../../server.js';
import { checkedContext } from './context-purity.js';
import { checkDockerfile } from './dockerfile.js';
import { checkFileRules } from './file-rules.js';
import { resolveTestOptions } from './option-defaults.js';
import { problem } from './problem.js';
import type { CommonConformanceOptions, ConformanceProblem } from './problem.js';
import {
  CPU_TEST_INSTANCE,
  GPU_TEST_INSTANCE,
  formatsFor,
  testModel,
  testProjectInput,
  testSampleModel,
} from './project-input.js';
import { isUsageError } from './refusal.js';
import { renderAndCheck } from './render-checks.js';
import { checkIdentity } from './identity.js';
import type { ShellcheckMode } from './shellcheck.js';

/** How `checkServerConformance` builds its scenarios, and what it runs. */
export interface ServerConformanceOptions extends CommonConformanceOptions {
  /** Values laid over the options' defaults in every scenario (a required option's value, say). */
  optionValues?: OptionValues;
  /**
   * Further option sets, each rendered over every source and format like the defaults are: the
   * combinations an author wants held to the same rules (Triton's backends, an engine's modes).
   */
  optionSets?: readonly OptionValues[];
  /** Only these model sources (default: every source the server takes). */
  sources?: readonly string[];
  /** Default `auto`: shellcheck runs when installed, and its absence is a note. */
  shellcheck?: ShellcheckMode;
  /** Region of every scenario; default `us-east-1`. */
  region?: string;
}

interface Scenario {
  label: string;
  input: ProjectInput;
}

function describeOptions(values: OptionValues): string {
  const entries = Object.entries(values);
  return entries.length === 0 ? 'default options' : entries.map(([k, v]) => `${k}=${String(v)}`).join(' ');
}

/**
 * Every input core could build for the server with the options given: one per model source, format
 * and HTTP layer, each on an instance of the accelerator the server says it needs for it, with the
 * base image core would pick. Problems in building them (a source with no format) are rules too.
 */
function scenarios(
  server: Server,
  optionSet: OptionValues,
  options: ServerConformanceOptions,
  problems: ConformanceProblem[],
): Scenario[] {
  const { values, missing } = resolveTestOptions(server.options, { ...options.optionValues, ...optionSet });
  if (missing.length > 0) {
    problems.push(
      problem(
        'minimal-inputs',
        `Server ${server.id}: required option(s) ${missing.join(', ')} have no default; pass their values in optionValues so the check can render.`,
      ),
    );
    return [];
  }
  const region = options.region ?? 'us-east-1';
  const built: Scenario[] = [];
  const sources = server.sources.filter((s) => options.sources === undefined || options.sources.includes(s));
  for (const source of sources) {
    let models: ProjectModel[];
    if (source === 'sample') {
      if (!server.sample) {
        problems.push(
          problem(
            'minimal-inputs',
            `Server ${server.id} takes the "sample" source but declares no \`sample\` model.`,
          ),
        );
        continue;
      }
      models = [testSampleModel(server.sample)];
    } else {
      const formats: ModelFormat[] = formatsFor(server.formats, source);
      if (formats.length === 0) {
        problems.push(
          problem(
            'minimal-inputs',
            `Server ${server.id} takes source "${source}" but none of its formats comes from it.`,
          ),
        );
        continue;
      }
      models = formats.map((format) => testModel(source, format));
    }
    for (const model of models) {
      const choices = {
        options: values,
        model: { source: model.source, format: model.format, sample: model.sample },
      };
      const accelerator = server.acceleratorFor?.(choices) ?? server.accelerator;
      let baseImage = server.defaultBaseImage;
      try {
        baseImage = server.baseImageFor?.({ ...choices, region }) ?? server.defaultBaseImage;
      } catch (error) {
        problems.push(
          problem(
            'minimal-inputs',
            `Server ${server.id}: baseImageFor threw for ${region} (${model.source}/${model.format}): ${String(error)}`,
          ),
        );
      }
      const layers: (string | undefined)[] =
        server.httpLayers.length > 0 ? [...server.httpLayers] : [undefined];
      for (const http of layers) {
        const label = `${model.source}/${model.format}${http ? ` with ${http}` : ''}, ${describeOptions(optionSet)}`;
        const input = testProjectInput({
          model,
          server: { id: server.id, ...(http ? { http } : {}), baseImage, options: values },
          instance: accelerator === 'gpu' ? GPU_TEST_INSTANCE : CPU_TEST_INSTANCE,
          region,
          name: `${server.id}-conformance`,
        });
        built.push({ label, input });
      }
    }
  }
  return built;
}

/** The server's context for a scenario, checked for purity; undefined when it refused or failed. */
function pureContext(
  server: Server,
  scenario: Scenario,
  problems: ConformanceProblem[],
  note: (message: string) => void,
): { ctx: object } | undefined {
  const outcome = checkedContext((input) => server.context(input), scenario.input, scenario.label, problems);
  if ('ctx' in outcome) return outcome;
  if (isUsageError(outcome.error)) {
    note(`${server.id} refused ${scenario.label}: ${(outcome.error as Error).message}`);
  } else {
    problems.push(problem('renders', `context() threw for ${scenario.label}: ${String(outcome.error)}`));
  }
  return undefined;
}

/**
 * Checks a Server plugin against mcc's rules by rendering it as core would, for every model source
 * and format it takes (and each of `optionSets`), with the options' defaults. Returns the broken
 * rules, empty when it conforms. A combination the server refuses with a usage error (exit code 2)
 * is skipped and noted, but a source none of whose combinations renders is a problem.
 *
 * Rules: `identity`, `minimal-inputs`, `renders`, `pure-context`, `no-leftovers`, `declared-files`,
 * `dockerfile`, `sample-payloads`, `shellcheck` (see docs/plugins.md).
 */
export async function checkServerConformance(
  server: Server,
  options: ServerConformanceOptions = {},
): Promise<ConformanceProblem[]> {
  const note = options.onNote ?? (() => undefined);
  const rules = server.files ?? [];
  const problems: ConformanceProblem[] = [
    ...checkIdentity(server, 'server', 'defineServer'),
    ...(await checkFileRules(`Server ${server.id}`, server.templatesDir, rules)),
  ];
  const payloadsSeen = new Set<string>();
  const renderedSources = new Set<string>();
  const attemptedSources = new Set<string>();
  for (const optionSet of [{}, ...(options.optionSets ?? [])]) {
    for (const scenario of scenarios(server, optionSet, options, problems)) {
      attemptedSources.add(scenario.input.model.source);
      const context = pureContext(server, scenario, problems, note);
      if (!context) continue;
      const files = await renderAndCheck(
        {
          owner: `Server ${server.id}`,
          templatesDir: server.templatesDir,
          rules,
          locals: { ...scenario.input, ctx: context.ctx },
          scenario: scenario.label,
          shellcheck: options.shellcheck ?? 'auto',
          note,
        },
        problems,
      );
      if (!files) continue;
      renderedSources.add(scenario.input.model.source);
      problems.push(...checkDockerfile(files, scenario.input.server.baseImage, scenario.label));
      const emitted = server.samplePayloads.filter((p) => files.some((f) => f.path === p.file));
      for (const payload of emitted) payloadsSeen.add(payload.file);
      if (server.samplePayloads.length > 0 && emitted.length === 0) {
        // The sample model's inputs are the server's own, so its project can always carry a request;
        // a user's model may take anything, and a project without a payload is then expected.
        const message = `None of the sample payloads (${server.samplePayloads.map((p) => p.file).join(', ')}) is generated (${scenario.label}).`;
        if (scenario.input.model.sample) problems.push(problem('sample-payloads', message));
        else note(`${message} \`mcc invoke\` will need --body.`);
      }
    }
  }
  if (server.samplePayloads.length === 0) {
    problems.push(
      problem(
        'sample-payloads',
        `Server ${server.id} declares no sample payload for tests and \`mcc invoke\`.`,
      ),
    );
  }
  for (const payload of server.samplePayloads) {
    if (renderedSources.size > 0 && !payloadsSeen.has(payload.file)) {
      problems.push(
        problem(
          'sample-payloads',
          `Sample payload ${payload.file} is declared but never generated.`,
          payload.file,
        ),
      );
    }
  }
  for (const source of attemptedSources) {
    if (!renderedSources.has(source)) {
      problems.push(
        problem(
          'renders',
          `Server ${server.id} takes source "${source}" but renders no project from it with minimal inputs; pass optionSets that make it render.`,
        ),
      );
    }
  }
  return problems;
}
