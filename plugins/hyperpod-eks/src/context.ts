import type { ProjectInput } from '@mcc/sdk';
import { containerEngineOf, localRun } from '@mcc/sdk/image';
import type { ImageKitContext } from '@mcc/sdk/image';

import { buildInferenceEndpointConfig } from './objects/inference-endpoint-config.js';
import { buildNamespace } from './objects/namespace.js';
import { hyperpodSettings } from './settings.js';
import type { HyperpodSettings } from './settings.js';
import { toYaml } from './yaml-document.js';

/**
 * What the hyperpod-eks templates read under `ctx`. The image kit's fields (region, image,
 * containerEngine, run, installHint) serve do/build, do/run and do/push, and `mcc push`.
 */
export interface HyperpodEksContext extends ImageKitContext {
  settings: HyperpodSettings;
  /** The objects `mcc deploy` applies, as YAML; the generated copy names the local image. */
  manifests: { namespace: string; inferenceEndpointConfig: string };
}

export function hyperpodEksContext(input: ProjectInput): HyperpodEksContext {
  const settings = hyperpodSettings(input);
  return {
    settings,
    manifests: {
      namespace: toYaml(buildNamespace(settings.namespace, settings.name)),
      inferenceEndpointConfig: toYaml(buildInferenceEndpointConfig(settings, settings.image.local)),
    },
    region: settings.region,
    image: settings.image,
    containerEngine: containerEngineOf(input.target.options),
    // do/run serves locally what the operator runs: the same path, and the model fetched as the
    // operator would (a Hub model by the server at start-up, an S3 model synced and mounted).
    run: localRun(input, `${settings.name}-local`, settings.invocationPath),
    installHint: 'npm install -g @mcc/cli',
  };
}
