import type { OptionValue } from '../options.js';
import type { ProjectInput } from '../project.js';
import {
  CODE_DIR,
  DJL_PORT,
  GENERATE_PAYLOADS,
  PROPERTIES_PATH,
  SAMPLE_MAX_NEW_TOKENS,
  SAMPLE_PROMPT,
} from './defaults.js';
import { optionEnvName } from './env.js';
import { modelReference } from './model.js';
import { SHARED_PROPERTY_KEYS } from './options.js';
import type { SharedOptionKey } from './options.js';
import { tensorParallelDegree } from './parallel.js';
import { propertiesKey, propertiesLine, propertiesValue } from './properties.js';
import type { PropertySetting, ServingPropertiesContext, ServingPropertiesServerSpec } from './spec.js';

const SHARED_DESCRIPTIONS: Readonly<Record<SharedOptionKey, string>> = {
  'tensor-parallel-degree': 'GPUs one copy of the model is split over',
  'max-model-len': 'longest sequence (prompt and output) in tokens',
  'max-concurrency': 'sequences served at once',
  'gpu-memory-utilization': 'fraction of each GPU the engine may use',
  dtype: 'weight dtype',
};

/** The value a shared option writes, or undefined to leave the engine's default. */
function sharedValue(key: SharedOptionKey, value: OptionValue | undefined): OptionValue | undefined {
  if (value === undefined) return undefined;
  // `auto` is the engine's own choice: no line, so an OPTION_DTYPE at deploy time still applies cleanly.
  if (key === 'dtype' && value === 'auto') return undefined;
  return value;
}

function modelProperties(input: ProjectInput, spec: ServingPropertiesServerSpec): PropertySetting[] {
  const model = modelReference(input);
  const degree = tensorParallelDegree(input, input.server.options);
  const out: PropertySetting[] = [
    {
      key: 'option.model_id',
      value: model.modelId,
      description:
        model.source === 's3'
          ? `The model from ${model.s3Uri ?? 'S3'}, which SageMaker copies here before the container starts`
          : 'Hugging Face Hub model the engine downloads at start-up (HF_TOKEN from the environment when gated)',
    },
  ];
  if (model.revision) {
    out.push({
      key: 'option.revision',
      value: model.revision,
      description: model.revisionName
        ? `Hub commit served: where \`${model.revisionName}\` pointed when the project was generated, so a redeploy serves the same weights`
        : 'Hub revision (branch, tag or commit) served',
    });
  }
  const sizing = input.instance.sizing;
  for (const key of spec.sharedOptions) {
    let value = key === 'tensor-parallel-degree' ? degree : sharedValue(key, input.server.options[key]);
    let description = SHARED_DESCRIPTIONS[key];
    if (key === 'tensor-parallel-degree' && typeof input.server.options[key] !== 'number') {
      description +=
        sizing?.tensorParallelDegree === degree
          ? ` (from the ${sizing.sizer} sizer)`
          : ` (every GPU of ${input.instance.instanceType})`;
    }
    // Without it the engine takes the model's own limit, which the instance may have no room for.
    if (key === 'max-model-len' && value === undefined && sizing?.maxModelLen !== undefined) {
      value = sizing.maxModelLen;
      description += ` (from the ${sizing.sizer} sizer: its KV-cache estimate holds ${sizing.concurrency ?? 1} × ${sizing.maxModelLen} tokens)`;
    }
    if (value === undefined) continue;
    out.push({ key: SHARED_PROPERTY_KEYS[key], value, option: key, description });
  }
  return out;
}

/**
 * The shared render context: the properties (engine first, then the model and the shared options,
 * then the plugin's), their escaped lines and the README's table. Pure: it reads only the input.
 */
export function servingPropertiesContext(
  input: ProjectInput,
  spec: ServingPropertiesServerSpec,
): ServingPropertiesContext {
  const shared = modelProperties(input, spec);
  const model = modelReference(input);
  const degree = Number(shared.find((p) => p.key === SHARED_PROPERTY_KEYS['tensor-parallel-degree'])?.value);
  const engine = spec.engineProperties(input, { model, tensorParallelDegree: degree });
  const properties = [
    ...engine.filter((p) => p.key === 'engine'),
    ...shared,
    ...engine.filter((p) => p.key !== 'engine'),
  ];
  const seen = new Set<string>();
  for (const { key } of properties) {
    if (seen.has(key)) throw new Error(`server ${spec.id}: serving.properties key ${key} is set twice`);
    seen.add(key);
  }
  const baseImage = spec.baseImage ? spec.baseImage(input) : input.server.baseImage;
  // A private ECR registry (AWS's deep learning containers) needs a docker login before a pull.
  const ecr = /^(\d{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?)\//.exec(baseImage);
  return {
    engineName: spec.engineName(input),
    baseImage,
    ecrRegistry: ecr?.[1] ?? '',
    ecrRegion: ecr?.[2] ?? '',
    cudaVersion: spec.cudaVersion?.(baseImage) ?? '',
    port: DJL_PORT,
    propertiesPath: PROPERTIES_PATH,
    codeDir: CODE_DIR,
    model,
    tensorParallelDegree: degree,
    properties,
    propertyLines: properties.map((p) => propertiesLine(p)),
    settings: properties.map((p) => ({
      property: propertiesKey(p.key),
      env: optionEnvName(p.key) ?? '',
      value: propertiesValue(p.value),
      option: p.option ?? '',
      description: p.description,
    })),
    pip: spec.pip?.(input) ?? [],
    samplePayloads: GENERATE_PAYLOADS,
    prompt: SAMPLE_PROMPT,
    maxNewTokens: SAMPLE_MAX_NEW_TOKENS,
  };
}
