/**
 * The built-in sample: abalone age (rings) from the UCI Abalone data, trained at image build time.
 * Both sample backends take the same tensor, so one payload serves either: ten FP32 features per
 * row, the one-hot sex (F, I, M) then the seven shell measurements, as sample/train.py encodes them.
 */
export const SAMPLE_FEATURES = [
  'sex_F',
  'sex_I',
  'sex_M',
  'length',
  'diameter',
  'height',
  'whole_weight',
  'shucked_weight',
  'viscera_weight',
  'shell_weight',
] as const;

/** Where the sample is trained: a slim Python stage, so the Triton image carries no trainer. */
export const TRAIN_IMAGE = 'public.ecr.aws/docker/library/python:3.12.8-slim-bookworm';

/** Pins shared by the training stage and (for the Python backend) the Triton image. */
export const SAMPLE_PINS = {
  numpy: '2.1.3',
  xgboost: '2.1.4',
  scikitLearn: '1.5.2',
  scipy: '1.14.1',
  joblib: '1.4.2',
} as const;

/** pip lines of the training stage for each sample kind. */
export function trainRequirements(kind: 'xgboost' | 'sklearn'): string[] {
  const shared = [`numpy==${SAMPLE_PINS.numpy}`, `scipy==${SAMPLE_PINS.scipy}`];
  if (kind === 'xgboost') {
    // The CPU-only wheel on x86-64 avoids pulling NCCL into a stage that only trains.
    return [
      `xgboost-cpu==${SAMPLE_PINS.xgboost}; platform_machine == "x86_64"`,
      `xgboost==${SAMPLE_PINS.xgboost}; platform_machine != "x86_64"`,
      ...shared,
    ];
  }
  return [`scikit-learn==${SAMPLE_PINS.scikitLearn}`, `joblib==${SAMPLE_PINS.joblib}`, ...shared];
}

/** What the Python backend's model.py needs in the Triton image: the same scikit-learn that trained. */
export function pythonBackendRequirements(): string[] {
  return trainRequirements('sklearn');
}
