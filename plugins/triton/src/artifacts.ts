/**
 * The file (or directory) each format is stored as in the model's version folder `<model>/1/`.
 * Triton finds a model by these default names: FIL by its model_type, the others by backend.
 */
export const ARTIFACT_NAMES: Readonly<Record<string, string>> = {
  'xgboost-json': 'xgboost.json',
  'xgboost-ubj': 'xgboost.ubj',
  'xgboost-binary': 'xgboost.model',
  lightgbm: 'model.txt',
  treelite: 'checkpoint.tl',
  onnx: 'model.onnx',
  savedmodel: 'model.savedmodel',
  torchscript: 'model.pt',
  // Read by the generated model.py, not by Triton.
  sklearn: 'model.joblib',
};

/** FIL's `model_type` parameter for each of its formats. */
export const FIL_MODEL_TYPES: Readonly<Record<string, string>> = {
  'xgboost-json': 'xgboost_json',
  'xgboost-ubj': 'xgboost_ubj',
  'xgboost-binary': 'xgboost',
  lightgbm: 'lightgbm',
  treelite: 'treelite_checkpoint',
};
