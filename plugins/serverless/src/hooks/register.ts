import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module, never the target itself (DESIGN.md §2).
const register = defineRegisterHook(({ registry }) => {
  registry.add('target', {
    id: 'serverless',
    summary: 'SageMaker serverless inference: an endpoint that scales with requests, down to none, on CPU',
    load: async () => (await import('../target.js')).serverlessTarget,
  });
});

export default register;
