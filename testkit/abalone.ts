/**
 * The first five rows of the UCI Abalone data set (CC BY 4.0; see the sample's ABALONE.md) without
 * the `rings` target: what the sample model is sent in tests and in its payload files.
 */
export type AbaloneRow = readonly [sex: 'M' | 'F' | 'I', ...measurements: number[]];

export const ABALONE_HEADER = [
  'sex',
  'length',
  'diameter',
  'height',
  'whole_weight',
  'shucked_weight',
  'viscera_weight',
  'shell_weight',
] as const;

export const ABALONE_ROWS: readonly AbaloneRow[] = [
  ['M', 0.455, 0.365, 0.095, 0.514, 0.2245, 0.101, 0.15],
  ['M', 0.35, 0.265, 0.09, 0.2255, 0.0995, 0.0485, 0.07],
  ['F', 0.53, 0.42, 0.135, 0.677, 0.2565, 0.1415, 0.21],
  ['M', 0.44, 0.365, 0.125, 0.516, 0.2155, 0.114, 0.155],
  ['I', 0.33, 0.255, 0.08, 0.205, 0.0895, 0.0395, 0.055],
];

/** The rows as `text/csv`, one per line, optionally under a header row. */
export function abaloneCsv(options: { header?: boolean } = {}): string {
  const lines = ABALONE_ROWS.map((row) => row.join(','));
  return `${(options.header ? [ABALONE_HEADER.join(','), ...lines] : lines).join('\n')}\n`;
}

/** The rows as `application/json`: `{"instances": [[...], ...]}`. */
export function abaloneJson(): string {
  return JSON.stringify({ instances: ABALONE_ROWS });
}
