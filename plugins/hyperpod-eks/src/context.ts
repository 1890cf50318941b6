import type { ProjectInput } from '@mcc/sdk';

import { buildInferenceEndpointConfig } from './objects/inference-endpoint-config.js';
import { buildNamespace } from './objects/namespace.js';
import { hyperpodSettings } from './settings.js';
import type { HyperpodSettings } from './settings.js';
import { toYaml } from './yaml-document.js';

/** What the hyperpod-eks templates read under `ctx`. */
export interface HyperpodEksContext {
  settings: HyperpodSettings;
  /** The objects `mcc deploy` applies, as YAML; the generated copy names the local image. */
  manifests: { namespace: string; inferenceEndpointConfig: string };
  /** How users get the `mcc` CLI the do/ scripts call. */
  installHint: string;
}

export function hyperpodEksContext(input: ProjectInput): HyperpodEksContext {
  const settings = hyperpodSettings(input);
  return {
    settings,
    manifests: {
      namespace: toYaml(buildNamespace(settings.namespace, settings.name)),
      inferenceEndpointConfig: toYaml(buildInferenceEndpointConfig(settings, settings.image.local)),
    },
    installHint: 'npm install -g @mcc/cli',
  };
}
