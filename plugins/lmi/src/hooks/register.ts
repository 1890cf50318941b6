import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module only; the server loads on first use.
export default defineRegisterHook(({ registry }) => {
  registry.add('server', {
    id: 'lmi',
    summary:
      "LLMs on AWS's Large Model Inference container (DJL Serving with vLLM), configured through serving.properties",
    load: async () => (await import('../server.js')).lmiServer,
  });
});
