import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module only; the server loads on first use.
export default defineRegisterHook(({ registry }) => {
  registry.add('server', {
    id: 'sglang',
    summary: 'SGLang server for generative models, SageMaker-compatible on port 8080',
    load: async () => (await import('../server.js')).sglangServer,
  });
});
