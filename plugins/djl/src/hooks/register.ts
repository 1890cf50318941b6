import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module only; the server loads on first use.
export default defineRegisterHook(({ registry }) => {
  registry.add('server', {
    id: 'djl',
    summary:
      "LLMs on DJL Serving's own GPU image with its Python engine and Hugging Face handler, configured through serving.properties",
    load: async () => (await import('../server.js')).djlServer,
  });
});
