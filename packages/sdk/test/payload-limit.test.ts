import { describe, expect, it } from 'vitest';

import { nginxSize, payloadLimit, sizeInWords } from '../src/payload-limit.js';
import {
  MAX_BODY_BYTES,
  PREDICTIVE_FILES,
  predictiveContext,
  predictiveTemplatesDir,
} from '../src/predictive/index.js';
import { renderTemplates } from '../src/render.js';
import { predictiveInput } from './predictive-input.js';

// A target's request limit (Target.maxPayloadBytes, passed as input.target.maxPayloadBytes) lowers
// the predictive kit's own 6 MB in nginx, the handler and the README, and only ever lowers it.

const MIB = 1024 * 1024;
const parts = { pip: ['toy==1.0'], debian: ['python3-toy'] };
const options = { serverId: 'toy', framework: 'Toy', memoryPerModelByte: 2, samplePayloads: [] };

async function rendered(maxPayloadBytes?: number): Promise<Map<string, string>> {
  const input = predictiveInput({ target: maxPayloadBytes === undefined ? {} : { maxPayloadBytes } });
  const locals = { ...input, ctx: predictiveContext(input, parts, options) };
  const files = await renderTemplates({
    templatesDir: predictiveTemplatesDir,
    locals,
    rules: PREDICTIVE_FILES,
  });
  return new Map(files.map((file) => [file.path, String(file.content)]));
}

describe('payloadLimit', () => {
  it('keeps the server’s limit without a target cap, and takes the lower of the two with one', () => {
    expect(payloadLimit(predictiveInput({}), 6 * MIB)).toBe(6 * MIB);
    expect(payloadLimit(predictiveInput({ target: { maxPayloadBytes: 4 * MIB } }), 6 * MIB)).toBe(4 * MIB);
    expect(payloadLimit(predictiveInput({ target: { maxPayloadBytes: 1024 * MIB } }), 6 * MIB)).toBe(6 * MIB);
  });

  it('writes sizes as nginx and people read them', () => {
    expect(nginxSize(6 * MIB)).toBe('6m');
    expect(nginxSize(4 * MIB + 1)).toBe('4194305');
    expect(sizeInWords(4 * MIB)).toBe('4 MB');
    expect(sizeInWords(1000)).toBe('1000 bytes');
  });
});

describe('the predictive kit under a target’s cap', () => {
  it('keeps 6 MB, and today’s nginx.conf lines, when the target sets no cap', async () => {
    const ctx = predictiveContext(predictiveInput({}), parts, options);
    expect(ctx).toMatchObject({ maxBodyBytes: MAX_BODY_BYTES, maxBodyNginx: '6m', maxBodyFromTarget: false });
    const nginx = (await rendered()).get('code/nginx.conf')!;
    expect(nginx).toContain(
      "        # SageMaker's real-time payload limit; larger bodies get 413 without reaching a worker.\n" +
        '        client_max_body_size 6m;\n        client_body_buffer_size 6m;\n',
    );
    expect(nginx).toContain('the body is larger than the 6 MB limit');
    expect(nginx).not.toContain('<%');
  });

  it('refuses bodies over 4 MB in nginx and the handler under serverless’s cap', async () => {
    const files = await rendered(4 * MIB);
    const nginx = files.get('code/nginx.conf')!;
    expect(nginx).toContain('client_max_body_size 4m;');
    expect(nginx).toContain('client_body_buffer_size 4m;');
    expect(nginx).toContain('the body is larger than the 4 MB limit');
    expect(nginx).not.toContain('6m');
    expect(files.get('code/model_handler.py')).toContain(`MAX_BODY_BYTES = ${4 * MIB}\n`);
  });
});
