import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { checkModel } from '../src/check-model.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcc-triton-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, bytes: Buffer | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('checkModel', () => {
  it('accepts files that look like their format', async () => {
    expect(
      await checkModel(
        await file('m.json', '{"learner": {"objective": {}}, "version": [2,1,0]}'),
        'xgboost-json',
      ),
    ).toBeUndefined();
    expect(
      await checkModel(await file('m.txt', 'tree\nversion=v4\nnum_class=1\n'), 'lightgbm'),
    ).toBeUndefined();
    expect(
      await checkModel(await file('m.onnx', Buffer.from([0x08, 0x07, 0x12, 0x04])), 'onnx'),
    ).toBeUndefined();
    const torchscript = Buffer.concat([
      Buffer.from('PK\x03\x04', 'latin1'),
      Buffer.from('archive/constants.pkl'),
    ]);
    expect(await checkModel(await file('m.pt', torchscript), 'torchscript')).toBeUndefined();
    expect(
      await checkModel(await file('m.joblib', Buffer.from([0x80, 0x04, 0x4e, 0x2e])), 'sklearn'),
    ).toBeUndefined();
    await mkdir(join(dir, 'ok.savedmodel', 'variables'), { recursive: true });
    await writeFile(join(dir, 'ok.savedmodel', 'saved_model.pb'), 'x');
    expect(await checkModel(join(dir, 'ok.savedmodel'), 'savedmodel')).toBeUndefined();
  });

  it('names the file, what is wrong and what Triton expects', async () => {
    const onnx = await checkModel(await file('bad.onnx', 'not a model'), 'onnx');
    expect(onnx).toContain('bad.onnx');
    expect(onnx).toContain('ONNX');
    const state = await checkModel(
      await file('weights.pt', Buffer.from('PK\x03\x04archive/data.pkl', 'latin1')),
      'torchscript',
    );
    expect(state).toContain('torch.jit.script');
    expect(await checkModel(await file('empty.json', ''), 'xgboost-json')).toContain('empty');
    await mkdir(join(dir, 'keras_dir'));
    await writeFile(join(dir, 'keras_dir', 'model.keras'), 'x');
    const saved = await checkModel(join(dir, 'keras_dir'), 'savedmodel');
    expect(saved).toContain('saved_model.pb');
    expect(saved).toContain('model.keras');
  });
});
