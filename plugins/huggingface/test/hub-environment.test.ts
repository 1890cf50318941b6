import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ENDPOINT,
  hubEndpoint,
  hubOfflineByEnvironment,
  readHubToken,
  tokenFilePath,
} from '../src/hub-environment.js';

let home: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'mcc-hf-env-'));
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('where the token file is, as huggingface_hub looks for it', () => {
  it('is $HF_TOKEN_PATH first', () => {
    expect(tokenFilePath({ HF_TOKEN_PATH: '/x/t', HF_HOME: '/h' }, '/home/u')).toBe('/x/t');
  });

  it('then $HF_HOME/token', () => {
    expect(tokenFilePath({ HF_HOME: '/h' }, '/home/u')).toBe('/h/token');
  });

  it('then $XDG_CACHE_HOME/huggingface/token, then ~/.cache/huggingface/token', () => {
    expect(tokenFilePath({ XDG_CACHE_HOME: '/c' }, '/home/u')).toBe('/c/huggingface/token');
    expect(tokenFilePath({}, '/home/u')).toBe('/home/u/.cache/huggingface/token');
  });

  it('expands a leading ~', () => {
    expect(tokenFilePath({ HF_HOME: '~/hf' }, '/home/u')).toBe('/home/u/hf/token');
  });
});

describe('reading the token', () => {
  it('prefers HF_TOKEN, then HUGGING_FACE_HUB_TOKEN, then the file; blank values do not count', () => {
    const file = join(home, 'token');
    writeFileSync(file, '  from-file \n');
    const env = { HF_TOKEN_PATH: file };
    expect(readHubToken({ ...env, HF_TOKEN: 'a', HUGGING_FACE_HUB_TOKEN: 'b' }, home)).toEqual({
      value: 'a',
      origin: 'HF_TOKEN',
    });
    expect(readHubToken({ ...env, HF_TOKEN: ' ', HUGGING_FACE_HUB_TOKEN: 'b' }, home)).toEqual({
      value: 'b',
      origin: 'HUGGING_FACE_HUB_TOKEN',
    });
    expect(readHubToken(env, home)).toEqual({ value: 'from-file', origin: `the token file ${file}` });
  });

  it('finds none when the file is missing or blank', () => {
    expect(readHubToken({ HF_HOME: join(home, 'none') }, home)).toBeUndefined();
    mkdirSync(join(home, 'blank'));
    writeFileSync(join(home, 'blank', 'token'), '\n');
    expect(readHubToken({ HF_HOME: join(home, 'blank') }, home)).toBeUndefined();
  });

  it('says so when the token path cannot be read as a file', () => {
    mkdirSync(join(home, 'dir-token'));
    expect(() => readHubToken({ HF_TOKEN_PATH: join(home, 'dir-token') }, home)).toThrow(
      /cannot be read \(EISDIR\)/,
    );
  });
});

describe('the Hub settings', () => {
  it('takes HF_ENDPOINT without its trailing slash, else the public Hub', () => {
    expect(hubEndpoint({ HF_ENDPOINT: 'http://127.0.0.1:1234/' })).toBe('http://127.0.0.1:1234');
    expect(hubEndpoint({ HF_ENDPOINT: '' })).toBe(DEFAULT_ENDPOINT);
    expect(hubEndpoint({})).toBe('https://huggingface.co');
  });

  it('refuses an HF_ENDPOINT that is not an http(s) address, naming it', () => {
    expect(() => hubEndpoint({ HF_ENDPOINT: 'huggingface.co' })).toThrow(/HF_ENDPOINT is "huggingface.co"/);
    expect(() => hubEndpoint({ HF_ENDPOINT: 'ftp://mirror' })).toThrow(
      /not an http:\/\/ or https:\/\/ address/,
    );
  });

  it('is offline with HF_HUB_OFFLINE or TRANSFORMERS_OFFLINE truthy, as huggingface_hub reads them', () => {
    expect(hubOfflineByEnvironment({ HF_HUB_OFFLINE: '1' })).toBe(true);
    expect(hubOfflineByEnvironment({ TRANSFORMERS_OFFLINE: 'yes' })).toBe(true);
    expect(hubOfflineByEnvironment({ HF_HUB_OFFLINE: '0' })).toBe(false);
    expect(hubOfflineByEnvironment({ HF_HUB_OFFLINE: 'false' })).toBe(false);
    expect(hubOfflineByEnvironment({})).toBe(false);
  });
});
