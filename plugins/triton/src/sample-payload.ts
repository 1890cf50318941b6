import { SAMPLE_FEATURES } from './sample.js';

/** The first Abalone rows, already encoded as the sample's tensor (one-hot sex, then measurements). */
const ROWS: readonly (readonly [string, ...number[]])[] = [
  ['M', 0.455, 0.365, 0.095, 0.514, 0.2245, 0.101, 0.15],
  ['M', 0.35, 0.265, 0.09, 0.2255, 0.0995, 0.0485, 0.07],
  ['F', 0.53, 0.42, 0.135, 0.677, 0.2565, 0.1415, 0.21],
  ['M', 0.44, 0.365, 0.125, 0.516, 0.2155, 0.114, 0.155],
  ['I', 0.33, 0.255, 0.08, 0.205, 0.0895, 0.0395, 0.055],
];

function encode([sex, ...measurements]: readonly [string, ...number[]]): number[] {
  return [sex === 'F' ? 1 : 0, sex === 'I' ? 1 : 0, sex === 'M' ? 1 : 0, ...measurements];
}

/**
 * A KServe v2 inference request, the body Triton's /invocations takes as `application/json`: one
 * tensor of the sample's rows, flattened row-major with its shape.
 */
export function samplePayload(inputName: string): string {
  const data = ROWS.flatMap(encode);
  const request = {
    inputs: [{ name: inputName, shape: [ROWS.length, SAMPLE_FEATURES.length], datatype: 'FP32', data }],
  };
  return `${JSON.stringify(request, null, 2)}\n`;
}
