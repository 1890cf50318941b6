import type { OptionSpec } from '@mcc/sdk';

/** Matches a TensorFlow release number as pip pins it: `2.18` or `2.18.0`. */
export const TENSORFLOW_VERSION_PATTERN = /^\d+\.\d+(\.\d+)?$/;

/** A release with CPU wheels for Python 3.12 (the default image) on x86-64 and aarch64. */
export const DEFAULT_TENSORFLOW_VERSION = '2.18.0';

export const tensorflowOptions: readonly OptionSpec[] = [
  {
    key: 'tensorflow-version',
    description:
      'TensorFlow version installed in the image (tensorflow-cpu on x86-64); 2.16 or later, the first with Python 3.12 wheels',
    type: 'string',
    pattern: TENSORFLOW_VERSION_PATTERN,
    patternHint: 'a release number such as 2.18.0',
    default: DEFAULT_TENSORFLOW_VERSION,
  },
];
