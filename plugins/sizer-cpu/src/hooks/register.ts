import { defineRegisterHook } from '@mcc/sdk';

// Runs in every command that needs the registry: import nothing but the sdk, load the sizer lazily.
const register = defineRegisterHook(({ registry }) => {
  registry.add('sizer', {
    id: 'cpu',
    summary: 'Picks a CPU instance for a predictive model from its size on disk',
    load: async () => (await import('../sizer.js')).cpuSizer,
  });
});

export default register;
