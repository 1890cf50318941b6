import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module, never the target itself (DESIGN.md §2).
const register = defineRegisterHook(({ registry }) => {
  registry.add('target', {
    id: 'hyperpod-eks',
    summary:
      'SageMaker HyperPod on EKS: an InferenceEndpointConfig served by the HyperPod inference operator',
    load: async () => (await import('../target.js')).hyperpodEksTarget,
  });
});

export default register;
