import type { ModelFormat } from '@mcc/sdk';

/**
 * One format: the arrays `numpy.savez` writes. Plain arrays (loaded with `allow_pickle=False`), so
 * serving a model never runs code from the model file, unlike a pickle.
 */
export const NPZ_FORMATS: readonly ModelFormat[] = [
  {
    id: 'npz',
    summary:
      'numpy.savez arrays: "coef" (one weight per feature), optional "intercept" and "categories" (one-hot first column)',
    extensions: ['.npz'],
    layout: 'file',
  },
];
