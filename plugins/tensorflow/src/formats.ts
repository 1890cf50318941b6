import type { ModelFormat } from '@mcc/sdk';

/**
 * What TensorFlow and Keras save a model as. `keras` and `h5` are single files Keras loads with
 * `load_model`; `savedmodel` is a directory (`tf.saved_model.save` or `model.export`) served
 * through its `serving_default` signature. `checkModel` tells them apart by their contents.
 */
export const TENSORFLOW_FORMATS: readonly ModelFormat[] = [
  {
    id: 'keras',
    summary: 'A Keras 3 model file (model.save("model.keras")): a zip of config.json and model.weights.h5',
    extensions: ['.keras'],
    layout: 'file',
  },
  {
    id: 'h5',
    summary: 'A Keras model in the legacy HDF5 format (model.save("model.h5"))',
    extensions: ['.h5', '.hdf5'],
    layout: 'file',
  },
  {
    id: 'savedmodel',
    summary:
      'A TensorFlow SavedModel directory (saved_model.pb and variables/), served by its serving_default signature',
    extensions: [],
    layout: 'directory',
  },
];
