import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module, never the target itself.
const register = defineRegisterHook(({ registry }) => {
  registry.add('target', {
    id: 'batch',
    summary: 'SageMaker batch transform: a job scores an S3 folder into S3, instances run only while it runs',
    load: async () => (await import('../target.js')).batchTarget,
  });
});

export default register;
