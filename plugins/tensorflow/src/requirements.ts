/** A release number as three integers, missing parts as 0: `2.18` is [2, 18, 0]. */
function releaseParts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return [major, minor, patch];
}

/** True when `version` is `major.minor` or later. */
export function atLeast(version: string, major: number, minor: number): boolean {
  const [a, b] = releaseParts(version);
  return a > major || (a === major && b >= minor);
}

/**
 * The numpy each TensorFlow release accepts: 2.16 and 2.17 need numpy 1.x, 2.18 caps it below
 * 2.1, 2.19 below 2.2. Pinned so that pip resolves the same set on Python 3.12 every time.
 */
export function numpyForTensorflow(version: string): string {
  if (atLeast(version, 2, 19)) return '2.1.3';
  if (atLeast(version, 2, 18)) return '2.0.2';
  return '1.26.4';
}

/**
 * pip requirement lines for TensorFlow. The x86-64 image takes `tensorflow-cpu`: the same
 * `tensorflow` module without the CUDA libraries (gigabytes) the `tensorflow` wheel pulls there.
 * Other machines (aarch64) have no `tensorflow-cpu` wheel and a CPU-only `tensorflow` one.
 */
export function tensorflowRequirements(version: string): string[] {
  return [
    `tensorflow-cpu==${version}; platform_machine == "x86_64"`,
    `tensorflow==${version}; platform_machine != "x86_64"`,
  ];
}
