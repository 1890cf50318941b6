import type { ModelFormat } from '@mcc/sdk';

/** Both are pickles underneath; joblib.load reads either. */
export const SKLEARN_FORMATS: readonly ModelFormat[] = [
  {
    id: 'pkl',
    summary: 'A Python pickle of a fitted estimator or Pipeline',
    extensions: ['.pkl', '.pickle'],
    layout: 'file',
  },
  {
    id: 'joblib',
    summary: 'A joblib dump of a fitted estimator or Pipeline',
    extensions: ['.joblib'],
    layout: 'file',
  },
];
