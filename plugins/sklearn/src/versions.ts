/**
 * Python packages pinned in the generated requirements.txt, chosen together so that pip resolves
 * the same set on the default image (Python 3.12) every time.
 */
export const PINNED = {
  joblib: '1.4.2',
  pandas: '2.2.3',
  scipy: '1.14.1',
  flask: '3.0.3',
  gunicorn: '23.0.0',
  fastapi: '0.115.6',
  uvicorn: '0.32.1',
} as const;

/** numpy 2 needs scikit-learn 1.4.2 or later; older releases get the last numpy 1. */
export function numpyFor(sklearnVersion: string): string {
  const [major = 0, minor = 0, patch = 0] = sklearnVersion.split('.').map(Number);
  const supportsNumpy2 = major > 1 || (major === 1 && (minor > 4 || (minor === 4 && patch >= 2)));
  return supportsNumpy2 ? '2.1.3' : '1.26.4';
}
