/**
 * scikit-learn's companions pinned in the generated requirements.txt (the HTTP layer's pins come
 * from the sdk), chosen together so that pip resolves the same set on Python 3.12 every time.
 */
export const PINNED = {
  joblib: '1.4.2',
  pandas: '2.2.3',
  scipy: '1.14.1',
} as const;

/** numpy 2 needs scikit-learn 1.4.2 or later; older releases get the last numpy 1. */
export function numpyFor(sklearnVersion: string): string {
  const [major = 0, minor = 0, patch = 0] = sklearnVersion.split('.').map(Number);
  const supportsNumpy2 = major > 1 || (major === 1 && (minor > 4 || (minor === 4 && patch >= 2)));
  return supportsNumpy2 ? '2.1.3' : '1.26.4';
}
