import { describe, expect, it } from 'vitest';

import { nginxSize, payloadLimit, requestTimeout, sizeInWords } from '../src/payload-limit.js';
import {
  MAX_BODY_BYTES,
  PREDICTIVE_FILES,
  predictiveContext,
  predictiveTemplatesDir,
} from '../src/predictive/index.js';
import { renderPartial, renderTemplates } from '../src/render.js';
import { predictiveInput } from './predictive-input.js';

// A target's request limit (Target.maxPayloadBytes, passed as input.target.maxPayloadBytes) replaces
// the predictive kit's real-time 6 MB in nginx, the handler and the README: serverless lowers it to
// 4 MB, asynchronous inference raises it to 1 GB (with the body spilled to disk, not memory).

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
  it('keeps the real-time limit without a target limit, and takes the target’s when it declares one', () => {
    expect(payloadLimit(predictiveInput({}), 6 * MIB)).toBe(6 * MIB);
    expect(payloadLimit(predictiveInput({ target: { maxPayloadBytes: 4 * MIB } }), 6 * MIB)).toBe(4 * MIB);
    expect(payloadLimit(predictiveInput({ target: { maxPayloadBytes: 1024 * MIB } }), 6 * MIB)).toBe(
      1024 * MIB,
    );
  });

  it('times a request by the user’s option, else the target’s limit, else the real-time default', () => {
    const asyncInput = predictiveInput({ target: { requestTimeoutSeconds: 3600 } });
    expect(requestTimeout(predictiveInput({}), undefined, 60)).toBe(60);
    expect(requestTimeout(asyncInput, undefined, 60)).toBe(3600);
    expect(requestTimeout(asyncInput, 120, 60)).toBe(120);
    expect(predictiveContext(asyncInput, parts, options).timeoutSeconds).toBe(3600);
    const chosen = predictiveInput({ target: { requestTimeoutSeconds: 3600 }, options: { timeout: 90 } });
    expect(predictiveContext(chosen, parts, options).timeoutSeconds).toBe(90);
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

  it('takes 1 GB under asynchronous inference’s limit, buffering only 6 MB of a body in memory', async () => {
    const files = await rendered(1024 * MIB);
    const nginx = files.get('code/nginx.conf')!;
    expect(nginx).toContain('client_max_body_size 1024m;');
    expect(nginx).toContain('client_body_buffer_size 6m;');
    expect(nginx).toContain('bodies beyond the buffer go to a temp file');
    const input = predictiveInput({ target: { maxPayloadBytes: 1024 * MIB } });
    const readme = await renderPartial(predictiveTemplatesDir, '_README.md.ejs', {
      ...input,
      ctx: predictiveContext(input, parts, options),
    });
    expect(readme).toContain("413 above 1024 MB (the target's limit)");
    expect(nginx).toContain('the body is larger than the 1024 MB limit');
    expect(files.get('code/model_handler.py')).toContain(`MAX_BODY_BYTES = ${1024 * MIB}\n`);
  });
});
