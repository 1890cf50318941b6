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
  registry.add('model-source', {
    id: 's3',
    summary: 'Model files under an S3 prefix (s3://bucket/prefix/), fetched by the container at start-up',
    load: async () => (await import('../s3.js')).s3Source,
  });
});

export default register;
