import { defineModelSource, usageError } from '@mcc/sdk';

/**
 * What the sizer assumes for the sample model: the Abalone regressors trained at build time weigh
 * a few hundred KiB at most, so 1 MiB errs on the large side.
 */
export const SAMPLE_MODEL_SIZE_BYTES = 1024 * 1024;

export const sampleSource = defineModelSource({
  id: 'sample',
  summary: "The server's sample model, trained on the Abalone data set when the image is built",
  needsLocation: false,
  async resolve({ location }) {
    if (location !== undefined && location.trim() !== '') {
      throw usageError(
        'SAMPLE_TAKES_NO_MODEL',
        `The sample model source takes no model, but "${location}" was given: it trains the server's ` +
          'own sample model when the image is built.',
        [
          'Leave the model out to use the sample model.',
          `Choose the local model source to serve "${location}" instead.`,
        ],
      );
    }
    return { source: 'sample', sample: true, delivery: 'train', sizeBytes: SAMPLE_MODEL_SIZE_BYTES };
  },
});
