import { McError } from '@mcc/sdk';
import type { DeployOptions, DeployResult, VerbContext } from '@mcc/sdk';

import { buildInferenceEndpointConfig } from '../objects/inference-endpoint-config.js';
import { IEC_CRD_NAME } from '../objects/types.js';
import { hyperpodSettings } from '../settings.js';
import { applyInferenceEndpointConfig } from './apply.js';
import { connectToCluster } from './connection.js';
import { explainKubeError } from './kube-errors.js';
import { ensureNamespace } from './namespace.js';
import { checkOperator } from './operator-check.js';
import { readHyperpodState, writeHyperpodState } from './state.js';
import { waitUntilDeployed } from './wait.js';

function imageOf(context: VerbContext, options: DeployOptions): string {
  const image = options.imageUri ?? context.state.read().image?.uri;
  if (!image) {
    throw new McError('There is no image to deploy yet.', {
      code: 'IMAGE_MISSING',
      suggestions: ['Push one first (do/build, then do/push), or pass --image-uri.'],
    });
  }
  return image;
}

/**
 * `mcc deploy` for HyperPod: find the EKS cluster, check the operator is there, create the namespace
 * if needed, create or update the InferenceEndpointConfig, and wait until the operator reports it
 * deployed. Progress goes to stderr; what was created is recorded before the wait, so an
 * interrupted deploy is still found by status and destroy.
 */
export async function deploy(context: VerbContext, options: DeployOptions): Promise<DeployResult> {
  const settings = hyperpodSettings(context.project.input);
  const imageUri = imageOf(context, options);
  const calls: string[] = [];
  try {
    const connection = await connectToCluster(context, settings.cluster);
    const { api, description } = connection;
    calls.push(`GET customresourcedefinitions/${IEC_CRD_NAME}`);
    await checkOperator(api, description, context.progress);

    const previous = readHyperpodState(context.state);
    const createdNamespace = await ensureNamespace(
      api,
      settings.namespace,
      settings.name,
      calls,
      context.progress,
    );
    if (createdNamespace) context.progress.step(`Created namespace ${settings.namespace}`);

    const object = buildInferenceEndpointConfig(settings, imageUri);
    context.progress.step(
      `Applying InferenceEndpointConfig ${settings.namespace}/${settings.name} (${imageUri})`,
    );
    const action = await applyInferenceEndpointConfig(api, object, calls, description);
    writeHyperpodState(context.state, {
      cluster: settings.cluster,
      namespace: settings.namespace,
      name: settings.name,
      endpointName: object.spec.endpointName,
      // A namespace mcc made on an earlier deploy stays mcc's.
      createdNamespace:
        createdNamespace || (previous?.namespace === settings.namespace && previous.createdNamespace),
      imageUri,
      deployedAt: new Date(context.clock.now()).toISOString(),
      appliedSpec: object.spec,
    });

    await waitUntilDeployed(context, api, settings.namespace, settings.name, options.timeoutSeconds);
    return {
      endpointName: object.spec.endpointName,
      inferenceComponentName: settings.name,
      imageUri,
      action,
      region: context.aws.region,
      calls,
      summary: `${action === 'created' ? 'Deployed' : 'Updated'} InferenceEndpointConfig ${settings.namespace}/${settings.name} on HyperPod cluster ${settings.cluster} with ${imageUri}; SageMaker endpoint ${object.spec.endpointName}.`,
    };
  } catch (error) {
    throw explainKubeError(error, settings.namespace);
  }
}
