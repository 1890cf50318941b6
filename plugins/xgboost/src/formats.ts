import type { ModelFormat } from '@mcc/sdk';

/**
 * The files `Booster.save_model` writes. xgboost 2.1+ writes UBJSON for every extension except
 * `.json` (and `.deprecated`, the legacy binary), so a `.model`/`.bin` file may hold either of the
 * binary kinds; `validateModel` tells them apart by their first bytes.
 */
export const XGBOOST_FORMATS: readonly ModelFormat[] = [
  {
    id: 'json',
    summary: 'An XGBoost Booster saved as JSON (save_model("model.json"))',
    extensions: ['.json'],
    layout: 'file',
  },
  {
    id: 'ubj',
    summary: 'An XGBoost Booster saved as Universal Binary JSON, the default since xgboost 2.1',
    extensions: ['.ubj'],
    layout: 'file',
  },
  {
    id: 'model',
    summary:
      'An XGBoost Booster in the legacy binary format (xgboost before 2.1; loads with xgboost below 3.1)',
    extensions: ['.model', '.bin', '.deprecated'],
    layout: 'file',
  },
];
