import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module only; the server loads on first use.
export default defineRegisterHook(({ registry }) => {
  registry.add('server', {
    id: 'xgboost',
    summary: 'XGBoost models (JSON, UBJSON or legacy binary) behind nginx and Flask or FastAPI',
    load: async () => (await import('../server.js')).xgboostServer,
  });
});
