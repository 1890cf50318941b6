import { defineRegisterHook } from '@mcc/sdk';

// Runs in every command that needs the registry: import nothing but the sdk, load the sources lazily.
const register = defineRegisterHook(({ registry }) => {
  registry.add('model-source', {
    id: 'local',
    summary: 'A model file or directory on this machine, copied into the project',
    load: async () => (await import('../local.js')).localSource,
  });
  registry.add('model-source', {
    id: 'sample',
    summary: "The server's sample model, trained on the Abalone data set when the image is built",
    load: async () => (await import('../sample.js')).sampleSource,
  });
});

export default register;
