import type { ModelFormat } from '@mcc/sdk';

/**
 * Every model format the triton server takes, across its backends (see BACKEND_FACTS.formats).
 * Core picks a local model's format by extension from this list; the backend option then has to
 * agree with it (context.ts says so when it does not).
 */
export const TRITON_FORMATS: readonly ModelFormat[] = [
  {
    id: 'xgboost-json',
    summary: 'An XGBoost Booster saved as JSON, served by the FIL backend',
    extensions: ['.json'],
    layout: 'file',
  },
  {
    id: 'xgboost-ubj',
    summary: 'An XGBoost Booster saved as UBJSON, served by the FIL backend',
    extensions: ['.ubj'],
    layout: 'file',
  },
  {
    id: 'xgboost-binary',
    summary: 'An XGBoost Booster in the legacy binary format, served by the FIL backend',
    extensions: ['.model', '.bin'],
    layout: 'file',
  },
  {
    id: 'lightgbm',
    summary: 'A LightGBM model saved as text (booster.save_model("model.txt")), served by the FIL backend',
    extensions: ['.txt'],
    layout: 'file',
  },
  {
    id: 'treelite',
    summary: 'A Treelite checkpoint (scikit-learn or cuML forests), served by the FIL backend',
    extensions: ['.tl'],
    layout: 'file',
  },
  {
    id: 'onnx',
    summary: 'An ONNX model file, served by the ONNX Runtime backend',
    extensions: ['.onnx'],
    layout: 'file',
  },
  {
    id: 'savedmodel',
    summary:
      'A TensorFlow SavedModel directory (saved_model.pb, variables/), served by the TensorFlow backend',
    extensions: ['.savedmodel'],
    layout: 'directory',
    sources: ['local'],
  },
  {
    id: 'torchscript',
    summary: 'A TorchScript module (torch.jit.save), served by the PyTorch backend',
    extensions: ['.pt', '.pth'],
    layout: 'file',
  },
  {
    id: 'sklearn',
    summary:
      'A scikit-learn estimator saved with joblib or pickle, served by a generated Python backend model',
    extensions: ['.joblib', '.pkl'],
    layout: 'file',
  },
  {
    id: 'huggingface',
    summary: 'A Hugging Face Hub model, served by the vLLM or TensorRT-LLM backend',
    extensions: [],
    layout: 'directory',
    // Fetched when the container starts: from the Hub, or copied from S3 by SageMaker.
    sources: ['huggingface', 's3'],
  },
];
