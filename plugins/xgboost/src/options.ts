import type { OptionSpec } from '@mcc/sdk';

/** Matches an xgboost release number as pip pins it: `2.1` or `2.1.4`. */
export const XGBOOST_VERSION_PATTERN = /^\d+\.\d+(\.\d+)?$/;

/** Last 2.1 release: py3 wheels for Python 3.12, numpy 2, a CPU-only `xgboost-cpu` package and
 * still able to load the legacy binary format (3.1 removed it). */
export const DEFAULT_XGBOOST_VERSION = '2.1.4';

export const xgboostOptions: readonly OptionSpec[] = [
  {
    key: 'xgboost-version',
    description:
      'xgboost version installed in the image; 1.7 or later, and below 3.1 for a model in the legacy binary format',
    type: 'string',
    pattern: XGBOOST_VERSION_PATTERN,
    patternHint: 'a release number such as 2.1.4',
    default: DEFAULT_XGBOOST_VERSION,
  },
  {
    key: 'predict-threads',
    description:
      'Threads one prediction uses inside a worker; 0 means the CPUs left to each worker (OMP_NUM_THREADS)',
    type: 'integer',
    min: 0,
    max: 256,
    default: 0,
  },
];
