import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module only; the source (and its Hub client) on first use.
export default defineRegisterHook(({ registry }) => {
  registry.add('model-source', {
    id: 'huggingface',
    summary: 'A model on the Hugging Face Hub (org/name[@revision]), downloaded by the container at start-up',
    load: async () => (await import('../source.js')).huggingfaceSource,
  });
});
