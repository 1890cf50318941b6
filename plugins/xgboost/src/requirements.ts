/** A release number as three integers, missing parts as 0: `2.1` is [2, 1, 0]. */
export function releaseParts(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return [major, minor, patch];
}

/** True when `version` is `major.minor` or later. */
export function atLeast(version: string, major: number, minor: number): boolean {
  const [a, b] = releaseParts(version);
  return a > major || (a === major && b >= minor);
}

/** scipy is a dependency of xgboost; pinned so that pip resolves the same set on Python 3.12 every time. */
const SCIPY = '1.14.1';

/** numpy 2 is supported from xgboost 2.1; older releases get the last numpy 1. */
export function numpyFor(version: string): string {
  return atLeast(version, 2, 1) ? '2.1.3' : '1.26.4';
}

/**
 * pip requirement lines for xgboost (numpy is pinned by the shared layer, see `numpyFor`). From
 * 2.1 the x86-64 image takes `xgboost-cpu`: the same `xgboost` module without the NCCL/GPU
 * dependency (hundreds of MB) the `xgboost` wheel pulls there. 2.1 has no other Linux wheels of
 * it, so other machines keep `xgboost`.
 */
export function xgboostRequirements(version: string): string[] {
  const xgboost = atLeast(version, 2, 1)
    ? [
        `xgboost-cpu==${version}; platform_machine == "x86_64"`,
        `xgboost==${version}; platform_machine != "x86_64"`,
      ]
    : [`xgboost==${version}`];
  return [...xgboost, `scipy==${SCIPY}`];
}
