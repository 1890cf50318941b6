import type { OptionValues } from '@mcc/sdk';
import { checkServerConformance } from '@mcc/sdk/testing';
import { describe, expect, it } from 'vitest';

import { tritonServer } from '../src/server.js';

/**
 * One option set per backend, with the tensor dims the tree and tensor backends cannot read from
 * the model: each is checked over every source and format (combinations a backend does not take
 * are refused with a usage error, which the kit skips).
 */
const BACKEND_OPTIONS: OptionValues[] = [
  { backend: 'fil', 'input-dims': '8' },
  { backend: 'onnxruntime', 'input-dims': '8', 'output-dims': '1' },
  { backend: 'tensorflow', 'input-dims': '8', 'output-dims': '1' },
  { backend: 'pytorch', 'input-dims': '8', 'output-dims': '1' },
  { backend: 'python', 'input-dims': '8', 'output-dims': '1' },
  { backend: 'vllm' },
  { backend: 'tensorrtllm' },
];

describe('triton conformance', () => {
  it('renders clean for every backend, source and format it takes', async () => {
    expect(
      await checkServerConformance(tritonServer, { optionSets: BACKEND_OPTIONS, shellcheck: 'require' }),
    ).toEqual([]);
  });
});
