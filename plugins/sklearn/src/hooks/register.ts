import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module only; the server loads on first use.
const hook = defineRegisterHook(({ registry }) => {
  registry.add('server', {
    id: 'sklearn',
    summary: 'scikit-learn models (pickle or joblib) behind nginx and Flask or FastAPI',
    load: async () => (await import('../server.js')).sklearnServer,
  });
});

export default hook;
