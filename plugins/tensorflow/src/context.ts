import { listOf, usageError } from '@mcc/sdk';
import type { ProjectInput } from '@mcc/sdk';

import { TENSORFLOW_FORMATS } from './formats.js';
import { DEFAULT_TENSORFLOW_VERSION, TENSORFLOW_VERSION_PATTERN } from './options.js';
import { atLeast, numpyForTensorflow, tensorflowRequirements } from './requirements.js';

export type TensorflowFormat = 'keras' | 'h5' | 'savedmodel';

const FORMAT_NAMES: Record<TensorflowFormat, string> = {
  keras: 'a Keras 3 .keras file',
  h5: 'a Keras model in the legacy HDF5 format',
  savedmodel: 'a TensorFlow SavedModel directory',
};

/**
 * The tensorflow part of the render context. `pip`, `numpy`, `apt` and `debian` are the framework
 * parts the shared predictive layer (`@mcc/sdk/predictive`) merges into requirements.txt, the
 * Dockerfile and the README; the rest are read by this plugin's templates. The model's name,
 * format and `sample` come from the shared context, so no name here repeats one of its names.
 */
export interface TensorflowContext {
  /** requirements.txt lines: tensorflow-cpu on x86-64, tensorflow elsewhere. */
  pip: readonly string[];
  /** numpy within the range this TensorFlow release accepts. */
  numpy: string;
  apt: readonly string[];
  /** Debian ships no TensorFlow: outside a container it comes from pip (see the README). */
  debian: readonly string[];
  /** The model format in words, for comments and the README. */
  modelFormatName: string;
  /** True when the model is loaded with `tf.keras.models.load_model` (keras, h5). */
  kerasFile: boolean;
  /** Next to the model: raw column order and one-hot categories, applied when present. */
  preprocessFile: string;
  tensorflowVersion: string;
}

function isFormat(format: string): format is TensorflowFormat {
  return TENSORFLOW_FORMATS.some((known) => known.id === format);
}

function tensorflowVersion(input: ProjectInput): string {
  const version = String(input.server.options['tensorflow-version'] ?? DEFAULT_TENSORFLOW_VERSION);
  if (!TENSORFLOW_VERSION_PATTERN.test(version)) {
    throw usageError(
      'OPTION_INVALID',
      `tensorflow-version "${version}" is not a release number such as ${DEFAULT_TENSORFLOW_VERSION}.`,
    );
  }
  // 2.16 is the first release with Python 3.12 wheels (the default image) and Keras 3.
  if (!atLeast(version, 2, 16)) {
    throw usageError(
      'OPTION_INVALID',
      `tensorflow-version "${version}" is too old; the tensorflow server needs 2.16 or later (Python 3.12 wheels).`,
      [`Pass --option tensorflow-version=${DEFAULT_TENSORFLOW_VERSION}.`],
    );
  }
  return version;
}

/** The typed context for the tensorflow templates. Pure: it reads only the resolved input. */
export function tensorflowContext(input: ProjectInput): TensorflowContext {
  const format = input.model.format;
  if (!isFormat(format)) {
    throw usageError(
      'MODEL_FORMAT_UNSUPPORTED',
      `The tensorflow server has no model format "${format}"; it takes ${listOf(TENSORFLOW_FORMATS.map((f) => f.id))}.`,
    );
  }
  const version = tensorflowVersion(input);
  return {
    pip: tensorflowRequirements(version),
    numpy: numpyForTensorflow(version),
    apt: [],
    debian: [],
    modelFormatName: FORMAT_NAMES[format],
    kerasFile: format !== 'savedmodel',
    preprocessFile: 'preprocess.json',
    tensorflowVersion: version,
  };
}
