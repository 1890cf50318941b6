import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module, never the target itself (DESIGN.md §2).
const register = defineRegisterHook(({ registry }) => {
  registry.add('target', {
    id: 'managed-inference',
    summary: 'SageMaker managed real-time inference: an endpoint hosting the model as an inference component',
    load: async () => (await import('../target.js')).managedInferenceTarget,
  });
});

export default register;
