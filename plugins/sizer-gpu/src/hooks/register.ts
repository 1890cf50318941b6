import { defineRegisterHook } from '@mcc/sdk';

// Runs in every command that needs the registry: import nothing but the sdk, load the sizer lazily.
const register = defineRegisterHook(({ registry }) => {
  registry.add('sizer', {
    id: 'gpu',
    summary:
      'Picks a GPU instance and tensor-parallel degree for an LLM from its config (weights, KV cache, overhead)',
    load: async () => (await import('../sizer.js')).gpuSizer,
  });
});

export default register;
