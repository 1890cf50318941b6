import { describe, expect, it } from 'vitest';
import { hasChatTemplate, readModelInfo, weightBytes } from '../src/model-info.js';
import { retryWaitMs } from '../src/hub-client.js';

const files = (...entries: [string, number?][]) => entries.map(([rfilename, size]) => ({ rfilename, size }));

describe("the Hub API's model info", () => {
  it('reads gated ("auto", "manual") and private as needing a token', () => {
    expect(readModelInfo({ gated: false }).needsToken).toBe(false);
    expect(readModelInfo({ gated: 'auto' }).needsToken).toBe(true);
    expect(readModelInfo({ gated: 'manual' }).needsToken).toBe(true);
    expect(readModelInfo({ private: true }).needsToken).toBe(true);
    expect(readModelInfo({}).needsToken).toBe(false);
  });

  it('reads the commit from sha, only when it is one (40 hex digits)', () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    expect(readModelInfo({ sha }).commit).toBe(sha);
    expect(readModelInfo({ sha: 'main' }).commit).toBeUndefined();
    expect(readModelInfo({ sha: 42 }).commit).toBeUndefined();
    expect(readModelInfo({}).commit).toBeUndefined();
  });

  it('takes a file size from lfs.size when size is missing, and skips malformed siblings', () => {
    const info = readModelInfo({
      siblings: [{ rfilename: 'a', lfs: { size: 7 } }, { nope: 1 }, { rfilename: 'b' }],
    });
    expect(info.files).toEqual([{ name: 'a', size: 7 }, { name: 'b' }]);
  });

  it('keeps safetensors parameter counts that are counts', () => {
    expect(
      readModelInfo({ safetensors: { parameters: { BF16: 10, F32: 'x' }, total: 10 } }).safetensorsParameters,
    ).toEqual({
      BF16: 10,
    });
  });
});

describe('weight bytes', () => {
  it('counts the sharded safetensors once, not the consolidated copy nor the .bin', () => {
    const info = readModelInfo({
      siblings: files(
        ['model-00001-of-00002.safetensors', 3],
        ['model-00002-of-00002.safetensors', 4],
        ['consolidated.safetensors', 7],
        ['pytorch_model.bin', 7],
      ),
    });
    expect(weightBytes(info)).toBe(7);
  });

  it('falls back to other top-level safetensors, then pytorch_model*.bin, ignoring sub-folders', () => {
    expect(
      weightBytes(
        readModelInfo({ siblings: files(['consolidated.safetensors', 9], ['sub/x.safetensors', 100]) }),
      ),
    ).toBe(9);
    expect(
      weightBytes(
        readModelInfo({
          siblings: files(['pytorch_model-00001-of-00002.bin', 5], ['pytorch_model-00002-of-00002.bin', 6]),
        }),
      ),
    ).toBe(11);
  });

  it('estimates from parameters by dtype when file sizes are missing: 1000 BF16 × 2 + 10 F32 × 4 = 2040', () => {
    const info = readModelInfo({
      siblings: files(['model.safetensors']),
      safetensors: { parameters: { BF16: 1000, F32: 10 } },
    });
    expect(weightBytes(info)).toBe(2040);
  });

  it('is unknown without sizes and with a dtype of unknown width', () => {
    expect(weightBytes(readModelInfo({ safetensors: { parameters: { Q4: 1000 } } }))).toBeUndefined();
    expect(weightBytes(readModelInfo({}))).toBeUndefined();
  });
});

describe('chat templates', () => {
  it('is present as a string or a list of named templates', () => {
    expect(hasChatTemplate({ chat_template: '{{ x }}' })).toBe(true);
    expect(hasChatTemplate({ chat_template: [{ name: 'default', template: '{{ x }}' }] })).toBe(true);
    expect(hasChatTemplate({ chat_template: '' })).toBe(false);
    expect(hasChatTemplate({})).toBe(false);
    expect(hasChatTemplate(undefined)).toBe(false);
  });
});

describe('waits between 429 answers', () => {
  it('honours Retry-After in seconds or as a date, capped; backs off without it', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(retryWaitMs('3', 1, 10_000, now)).toBe(3000);
    expect(retryWaitMs('3600', 1, 10_000, now)).toBe(10_000);
    expect(retryWaitMs(new Date(now + 4000).toUTCString(), 1, 10_000, now)).toBe(4000);
    expect(retryWaitMs(null, 2, 10_000, now)).toBe(2000);
    expect(retryWaitMs('-5', 1, 10_000, now)).toBe(0);
  });
});
