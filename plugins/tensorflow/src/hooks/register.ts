import { defineRegisterHook } from '@mcc/sdk';

// Kept tiny: listing and help load this module only; the server loads on first use.
export default defineRegisterHook(({ registry }) => {
  registry.add('server', {
    id: 'tensorflow',
    summary: 'TensorFlow/Keras models (.keras, HDF5 or SavedModel) behind nginx and Flask or FastAPI',
    load: async () => (await import('../server.js')).tensorflowServer,
  });
});
