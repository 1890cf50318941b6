import type { KubeResource } from '@mcc/sdk';

import { IEC_GROUP, IEC_PLURAL, IEC_VERSION } from '../objects/types.js';

/** The resource types the verbs touch, as API paths name them. */
export const NAMESPACES: KubeResource = { group: '', version: 'v1', plural: 'namespaces', namespaced: false };
export const CRDS: KubeResource = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  plural: 'customresourcedefinitions',
  namespaced: false,
};
export const INFERENCE_ENDPOINT_CONFIGS: KubeResource = {
  group: IEC_GROUP,
  version: IEC_VERSION,
  plural: IEC_PLURAL,
  namespaced: true,
};

/** The EKS add-on that installs the HyperPod inference operator and its CRDs. */
export const OPERATOR_ADDON = 'amazon-sagemaker-hyperpod-inference';
