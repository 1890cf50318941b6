import { usageError, type ResolvedModel } from '@mcc/sdk';
import { readArchitecture, type Architecture } from './architecture.js';
import { countParameters, type ParameterCount } from './parameters.js';

/** What the sizer knows of the model before looking at any instance. */
export interface ModelFacts {
  /** How messages name the model: its Hub id, else where it is. */
  label: string;
  arch: Architecture;
  parameters: ParameterCount;
  /** Filled in once the dtype is known. */
  weightsBytes: number;
}

/** How messages name a model. */
export function labelOf(model: ResolvedModel): string {
  return model.hub?.id ?? model.location ?? `the ${model.source} model`;
}

/**
 * The architecture and parameter count from the Hub's `config.json` (and safetensors count). A
 * model without a config (an S3 prefix, a Hub model resolved offline) cannot be sized for a GPU:
 * the KV cache depends on its layers and heads. That is a usage error saying what to do instead.
 */
export function modelFacts(model: ResolvedModel): Omit<ModelFacts, 'weightsBytes'> {
  const label = labelOf(model);
  const config = model.hub?.config;
  if (!config) {
    throw usageError(
      'MODEL_CONFIG_MISSING',
      `The GPU sizer needs the config.json of ${label} (its layers and attention heads size the KV cache), and ${model.hub ? 'the Hub was not asked for it (--offline)' : `the ${model.source} model source does not provide one`}.`,
      [
        'Run `mcc size --config-file path/to/config.json` to size it from a local copy.',
        'Or pass --instance-type to choose the instance yourself.',
      ],
    );
  }
  const arch = readArchitecture(config, label);
  return { label, arch, parameters: countParameters(arch, model.hub?.safetensorsParameters, label) };
}
