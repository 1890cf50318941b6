import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: `mcc list` and `mcc generate` import this module; the server itself is imported by
// load() only when a command uses it, so `mcc --help` and unrelated commands never pay for it.
const hook = defineRegisterHook(({ registry }) => {
  registry.add('server', {
    id: 'numpy-linear',
    summary: 'Linear models saved with numpy (.npz) behind nginx and Flask or FastAPI',
    load: async () => (await import('../server.js')).numpyLinearServer,
  });
});

export default hook;
