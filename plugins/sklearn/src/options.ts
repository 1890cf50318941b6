import type { OptionSpec } from '@mcc/sdk';

/** Matches a scikit-learn release number as pip pins it: `1.5` or `1.5.2`. */
export const SKLEARN_VERSION_PATTERN = /^\d+\.\d+(\.\d+)?$/;

/** Newest scikit-learn release known to ship wheels for the default image's Python 3.12. */
export const DEFAULT_SKLEARN_VERSION = '1.5.2';

/** scikit-learn's own options; the shared `workers` and `timeout` follow them. */
export const sklearnOptions: readonly OptionSpec[] = [
  {
    key: 'sklearn-version',
    description:
      'scikit-learn version installed in the image; a pickled model loads reliably only with the version that saved it',
    type: 'string',
    pattern: SKLEARN_VERSION_PATTERN,
    patternHint: 'a release number such as 1.5.2',
    default: DEFAULT_SKLEARN_VERSION,
  },
];
