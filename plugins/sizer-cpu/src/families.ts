/** A CPU instance family the sizer may recommend, and the words a user reads for it. */
export interface CpuFamily {
  family: string;
  kind: 'general purpose' | 'compute optimized' | 'memory optimized';
}

/**
 * The stated preference, best first, between instances of the same vCPU count: general purpose
 * (4 GiB per vCPU, room for a model to grow), then compute optimized (2 GiB per vCPU, a little
 * cheaper), then memory optimized (8 GiB per vCPU, for models too big for the others). Within a
 * kind the widely available m5/c5/r5 come before newer generations.
 *
 * Left out on purpose: burstable t2/t3 (CPU credits run out under steady traffic), previous
 * generations (m4, c4), Graviton (m6g, c7g …: the generated images are built for x86_64) and the
 * local-disk or network variants (m5d, c6in …: the same CPU and memory for more money).
 */
export const CPU_FAMILIES: readonly CpuFamily[] = [
  { family: 'm5', kind: 'general purpose' },
  { family: 'm6i', kind: 'general purpose' },
  { family: 'm7i', kind: 'general purpose' },
  { family: 'c5', kind: 'compute optimized' },
  { family: 'c6i', kind: 'compute optimized' },
  { family: 'c7i', kind: 'compute optimized' },
  { family: 'r5', kind: 'memory optimized' },
  { family: 'r6i', kind: 'memory optimized' },
  { family: 'r7i', kind: 'memory optimized' },
];

/** Position in the preference (0 is best), or undefined for a family the sizer does not use. */
export function familyRank(family: string): number | undefined {
  const index = CPU_FAMILIES.findIndex((f) => f.family === family);
  return index < 0 ? undefined : index;
}
