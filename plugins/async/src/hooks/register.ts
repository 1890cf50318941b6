import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module, never the target itself.
const register = defineRegisterHook(({ registry }) => {
  registry.add('target', {
    id: 'async',
    summary:
      'SageMaker asynchronous inference: queued requests and results in S3, large payloads, scale to zero',
    load: async () => (await import('../target.js')).asyncTarget,
  });
});

export default register;
