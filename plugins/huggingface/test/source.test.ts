import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMcError, type McError, type ResolvedModel } from '@mcc/sdk';
import { DEFAULT_CLIENT_OPTIONS } from '../src/hub-client.js';
import { createHuggingFaceSource, huggingfaceSource, type HuggingFaceSourceOptions } from '../src/source.js';
import { FakeHub, type Reply } from './fake-hub.js';

const ID = 'acme/tiny-llama';
const TOKEN = 'hf_fakeTokenForTests0123456789';
const CONFIG = {
  architectures: ['LlamaForCausalLM'],
  hidden_size: 64,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  num_hidden_layers: 2,
  torch_dtype: 'bfloat16',
};
const TOKENIZER_CONFIG = {
  chat_template: '{% for m in messages %}{{ m.content }}{% endfor %}',
  eos_token: '</s>',
};
const INFO = {
  id: ID,
  private: false,
  gated: false,
  sha: '0123456789abcdef0123456789abcdef01234567',
  siblings: [
    { rfilename: 'config.json', size: 700 },
    { rfilename: 'tokenizer_config.json', size: 3000 },
    { rfilename: 'model-00001-of-00002.safetensors', size: 4000, lfs: { size: 4000, sha256: 'aa' } },
    { rfilename: 'model-00002-of-00002.safetensors', size: 1000, lfs: { size: 1000, sha256: 'bb' } },
    // The same weights again: counted once, through the model-*.safetensors shards.
    { rfilename: 'consolidated.safetensors', size: 5000 },
    { rfilename: 'pytorch_model.bin', size: 9999 },
  ],
  safetensors: { parameters: { BF16: 2500 }, total: 2500 },
};

/** Answers `reply` only to the right bearer token; otherwise what the Hub says to a gated download. */
const withToken =
  (reply: Reply, status = 401) =>
  (request: { authorization?: string }): Reply =>
    request.authorization === `Bearer ${TOKEN}`
      ? reply
      : { status, headers: { 'x-error-code': 'GatedRepo' } };

let hub: FakeHub;
let home: string;
let sleeps: number[];

beforeEach(async () => {
  hub = new FakeHub();
  await hub.start();
  // A home of its own, so the machine's own token file is never read.
  home = mkdtempSync(join(tmpdir(), 'mcc-hf-home-'));
  sleeps = [];
});

afterEach(async () => {
  await hub.close();
  rmSync(home, { recursive: true, force: true });
});

/** The source, talking to the fake Hub with a fake clock and the given extra environment. */
function source(env: Record<string, string> = {}, options: HuggingFaceSourceOptions = {}) {
  return createHuggingFaceSource({
    env: { HF_ENDPOINT: hub.url, HF_HOME: join(home, 'hf'), ...env },
    home,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
}

async function failure(promise: Promise<ResolvedModel>): Promise<McError> {
  const error: unknown = await promise.catch((e: unknown) => e);
  if (!isMcError(error)) throw new Error(`expected an McError, got ${String(error)}`);
  return error;
}

/** Everything a user could see of an error. */
const shown = (error: McError): string => [error.message, ...error.suggestions].join('\n');

describe('the huggingface model source, against a fake Hub', () => {
  it('resolves a model the Hub has: config, chat template, safetensors parameters and weight bytes', async () => {
    hub.model(ID, { info: INFO, config: CONFIG, tokenizerConfig: TOKENIZER_CONFIG });
    const resolved = await source().resolve({ location: ID, cwd: home, offline: false });
    expect(resolved).toEqual({
      source: 'huggingface',
      location: ID,
      sample: false,
      delivery: 'runtime',
      // 4000 + 1000: the sharded safetensors, not the consolidated copy nor the .bin.
      sizeBytes: 5000,
      hub: {
        id: ID,
        revision: 'main',
        // The Hub's `sha`: the commit `main` points to now.
        commit: INFO.sha,
        gated: false,
        config: CONFIG,
        chatTemplate: true,
        safetensorsParameters: { BF16: 2500 },
      },
    });
    expect(hub.requests.map((r) => r.url).sort()).toEqual([
      `/${ID}/resolve/main/config.json`,
      `/${ID}/resolve/main/tokenizer_config.json`,
      `/api/models/${ID}?blobs=true`,
    ]);
    expect(hub.requests.every((r) => r.method === 'GET' && r.authorization === undefined)).toBe(true);
  });

  it('asks for the revision named after "@", encoded as one path segment', async () => {
    hub.model(ID, { info: INFO, config: CONFIG, tokenizerConfig: {}, revision: 'refs/pr/1' });
    const resolved = await source().resolve({ location: `${ID}@refs/pr/1`, cwd: home, offline: false });
    expect(resolved.hub).toMatchObject({
      id: ID,
      revision: 'refs/pr/1',
      commit: INFO.sha,
      chatTemplate: false,
      config: CONFIG,
    });
    expect(hub.requests.map((r) => r.url).sort()).toEqual([
      `/${ID}/resolve/refs%2Fpr%2F1/config.json`,
      `/${ID}/resolve/refs%2Fpr%2F1/tokenizer_config.json`,
      `/api/models/${ID}/revision/refs%2Fpr%2F1?blobs=true`,
    ]);
  });

  it('takes the id as the Hub spells it, and asks for files there', async () => {
    hub.model(ID, { info: INFO, config: CONFIG, tokenizerConfig: TOKENIZER_CONFIG });
    hub.on('/api/models/ACME/Tiny-Llama', { json: INFO });
    const resolved = await source().resolve({ location: 'ACME/Tiny-Llama', cwd: home, offline: false });
    expect(resolved.location).toBe(ID);
    expect(resolved.hub?.id).toBe(ID);
    expect(hub.requestsTo(`/${ID}/resolve/main/config.json`)).toHaveLength(1);
  });

  it('finds a chat template kept in chat_template.jinja without asking for tokenizer_config.json', async () => {
    const info = { ...INFO, siblings: [...INFO.siblings, { rfilename: 'chat_template.jinja', size: 100 }] };
    hub.model(ID, { info, config: CONFIG, tokenizerConfig: {} });
    const resolved = await source().resolve({ location: ID, cwd: home, offline: false });
    expect(resolved.hub?.chatTemplate).toBe(true);
    expect(hub.requestsTo(`/${ID}/resolve/main/tokenizer_config.json`)).toHaveLength(0);
  });

  it('asks for no file the API does not list, and says there is no chat template', async () => {
    const info = { id: ID, siblings: [{ rfilename: 'model.safetensors', size: 123 }] };
    hub.model(ID, { info });
    const resolved = await source().resolve({ location: ID, cwd: home, offline: false });
    expect(resolved).toMatchObject({ sizeBytes: 123, hub: { id: ID, gated: false, chatTemplate: false } });
    expect(resolved.hub).not.toHaveProperty('config');
    expect(hub.requests).toHaveLength(1);
  });

  it('says "no such model" on 404', async () => {
    hub.on(`/api/models/${ID}`, { status: 404, headers: { 'x-error-code': 'RepoNotFound' } });
    const error = await failure(source().resolve({ location: ID, cwd: home, offline: false }));
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', exitCode: 2 });
    expect(error.message).toContain(`"${ID}"`);
    expect(error.message).toContain('no such model');
    expect(error.message).toContain(hub.url);
  });

  it('says the revision does not exist when the Hub says so', async () => {
    hub.on(`/api/models/${ID}/revision/v9`, { status: 404, headers: { 'x-error-code': 'RevisionNotFound' } });
    const error = await failure(source().resolve({ location: `${ID}@v9`, cwd: home, offline: false }));
    expect(error).toMatchObject({ code: 'MODEL_REVISION_NOT_FOUND', exitCode: 2 });
    expect(error.message).toContain('"v9"');
  });

  it('asks for a token, naming how to provide one, when the Hub answers 401 and none was found', async () => {
    hub.on(`/api/models/${ID}`, { status: 401, headers: { 'x-error-code': 'RepoNotFound' } });
    const error = await failure(source().resolve({ location: ID, cwd: home, offline: false }));
    expect(error).toMatchObject({ code: 'MODEL_GATED', exitCode: 2 });
    expect(error.message).toContain(`"${ID}"`);
    const text = shown(error);
    for (const way of ['HF_TOKEN', '$HF_TOKEN_PATH', '$HF_HOME/token', '~/.cache/huggingface/token']) {
      expect(text).toContain(way);
    }
    expect(hub.requests.map((r) => r.authorization)).toEqual([undefined]);
  });

  it('says a gated model needs a token when its files answer 401', async () => {
    hub.model(ID, { info: { ...INFO, gated: 'manual' } });
    hub.on(`/${ID}/resolve/main/config.json`, withToken({ json: CONFIG }));
    hub.on(`/${ID}/resolve/main/tokenizer_config.json`, withToken({ json: TOKENIZER_CONFIG }));
    const error = await failure(source().resolve({ location: ID, cwd: home, offline: false }));
    expect(error).toMatchObject({ code: 'MODEL_GATED', exitCode: 2 });
    expect(error.message).toContain('gated');
  });

  it('sends HF_TOKEN as a bearer token and keeps it out of the result', async () => {
    hub.on(`/api/models/${ID}`, withToken({ json: { ...INFO, gated: 'manual' } }));
    hub.on(`/${ID}/resolve/main/config.json`, withToken({ json: CONFIG }));
    hub.on(`/${ID}/resolve/main/tokenizer_config.json`, withToken({ json: TOKENIZER_CONFIG }));
    const resolved = await source({ HF_TOKEN: TOKEN }).resolve({ location: ID, cwd: home, offline: false });
    expect(resolved.hub).toMatchObject({ id: ID, gated: true, config: CONFIG, chatTemplate: true });
    expect(hub.requests).toHaveLength(3);
    expect(hub.requests.map((r) => r.authorization)).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
    expect(JSON.stringify(resolved)).not.toContain(TOKEN);
  });

  it('keeps the token out of the message when the Hub refuses it (401)', async () => {
    hub.on(`/api/models/${ID}`, { status: 401 });
    const error = await failure(
      source({ HF_TOKEN: TOKEN }).resolve({ location: ID, cwd: home, offline: false }),
    );
    expect(error).toMatchObject({ code: 'HF_TOKEN_REJECTED', exitCode: 2 });
    expect(error.message).toContain('HF_TOKEN');
    expect(JSON.stringify({ ...error, text: shown(error) })).not.toContain(TOKEN);
  });

  it("says the token's account has no access to a gated model (403), without the token", async () => {
    hub.model(ID, { info: { ...INFO, gated: 'auto' } });
    hub.on(`/${ID}/resolve/main/config.json`, { status: 403, headers: { 'x-error-code': 'GatedRepo' } });
    const error = await failure(
      source({ HF_TOKEN: TOKEN }).resolve({ location: ID, cwd: home, offline: false }),
    );
    expect(error).toMatchObject({ code: 'MODEL_ACCESS_DENIED', exitCode: 2 });
    expect(shown(error)).toContain(`${hub.url}/${ID}`);
    expect(JSON.stringify({ ...error, text: shown(error) })).not.toContain(TOKEN);
  });

  it('reads the token from $HF_HOME/token, as the Hub tools do', async () => {
    mkdirSync(join(home, 'hf'), { recursive: true });
    writeFileSync(join(home, 'hf', 'token'), `${TOKEN}\n`);
    hub.on(`/api/models/${ID}`, withToken({ json: { ...INFO, private: true } }));
    hub.on(`/${ID}/resolve/main/config.json`, withToken({ json: CONFIG }));
    hub.on(`/${ID}/resolve/main/tokenizer_config.json`, withToken({ json: TOKENIZER_CONFIG }));
    const resolved = await source().resolve({ location: ID, cwd: home, offline: false });
    expect(resolved.hub?.gated).toBe(true);
    expect(hub.requests.map((r) => r.authorization)).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
    expect(JSON.stringify(resolved)).not.toContain(TOKEN);
  });

  it('retries a 429 after the wait Retry-After asks for, then goes on', async () => {
    hub.on(`/api/models/${ID}`, { status: 429, headers: { 'retry-after': '2' } }, { json: INFO });
    hub.on(`/${ID}/resolve/main/config.json`, { json: CONFIG });
    hub.on(`/${ID}/resolve/main/tokenizer_config.json`, { json: TOKENIZER_CONFIG });
    const resolved = await source().resolve({ location: ID, cwd: home, offline: false });
    expect(resolved.hub?.config).toEqual(CONFIG);
    expect(hub.requestsTo(`/api/models/${ID}`)).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('stops retrying a Hub that keeps answering 429, with capped waits and a clear error', async () => {
    hub.on(`/api/models/${ID}`, { status: 429, headers: { 'retry-after': '3600' } });
    const error = await failure(source().resolve({ location: ID, cwd: home, offline: false }));
    expect(error).toMatchObject({ code: 'HUB_RATE_LIMITED', exitCode: 1 });
    expect(error.message).toContain('429');
    expect(error.message).toContain(hub.url);
    expect(hub.requestsTo(`/api/models/${ID}`)).toHaveLength(DEFAULT_CLIENT_OPTIONS.maxAttempts);
    // An hour asked for, 10 s waited: the cap.
    expect(sleeps).toEqual([10_000, 10_000]);
  });

  it('gives up on a slow Hub after the timeout, naming the endpoint and --offline', async () => {
    hub.on(`/api/models/${ID}`, { json: INFO, delayMs: 5000 });
    const started = Date.now();
    const error = await failure(
      source({}, { timeoutMs: 100 }).resolve({ location: ID, cwd: home, offline: false }),
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: 'HUB_TIMEOUT', exitCode: 1 });
    expect(error.message).toContain(hub.url);
    expect(error.message).toContain('0.1 s');
    expect(shown(error)).toContain('--offline');
  });

  it('waits 5 s per request by default', () => {
    expect(DEFAULT_CLIENT_OPTIONS.timeoutMs).toBe(5000);
  });

  it('names HF_ENDPOINT when the Hub cannot be reached', async () => {
    const closed = new FakeHub();
    const endpoint = await closed.start();
    await closed.close();
    const error = await failure(
      source({ HF_ENDPOINT: endpoint }).resolve({ location: ID, cwd: home, offline: false }),
    );
    expect(error).toMatchObject({ code: 'HUB_UNREACHABLE', exitCode: 1 });
    expect(error.message).toContain(endpoint);
    expect(shown(error)).toContain('HF_ENDPOINT');
  });

  it('says so when HF_ENDPOINT answers something other than JSON', async () => {
    hub.on(`/api/models/${ID}`, { text: '<html>a proxy login page</html>' });
    const error = await failure(source().resolve({ location: ID, cwd: home, offline: false }));
    expect(error).toMatchObject({ code: 'HUB_BAD_ANSWER' });
    expect(shown(error)).toContain('HF_ENDPOINT');
  });

  it('reports a server error with its status', async () => {
    hub.on(`/api/models/${ID}`, { status: 503 });
    const error = await failure(source().resolve({ location: ID, cwd: home, offline: false }));
    expect(error).toMatchObject({ code: 'HUB_ERROR', exitCode: 1 });
    expect(error.message).toContain('503');
  });

  it('makes no request with --offline: only the id is checked', async () => {
    const resolved = await source().resolve({ location: `${ID}@v1`, cwd: home, offline: true });
    expect(resolved).toEqual({
      source: 'huggingface',
      location: ID,
      sample: false,
      delivery: 'runtime',
      hub: { id: ID, revision: 'v1', gated: false },
    });
    expect(hub.requests).toEqual([]);
  });

  it.each(['1', 'true', 'YES', 'on'])('makes no request with HF_HUB_OFFLINE=%s', async (value) => {
    const resolved = await source({ HF_HUB_OFFLINE: value, HF_TOKEN: TOKEN }).resolve({
      location: ID,
      cwd: home,
      offline: false,
    });
    expect(resolved.hub).toEqual({ id: ID, revision: 'main', gated: false });
    expect(hub.requests).toEqual([]);
  });

  it.each([
    '',
    'acme/',
    '/llama',
    'a/b/c',
    'acme/llama--7b',
    'acme/llama..7b',
    '-acme/llama',
    'acme/llama.',
    'acme/ll ama',
    'acme/llama.git',
    `acme/${'x'.repeat(97)}`,
    'https://huggingface.co/acme/llama',
  ])('refuses the malformed id %j without a request', async (location) => {
    const error = await failure(source().resolve({ location, cwd: home, offline: false }));
    expect(error.exitCode).toBe(2);
    expect(error.code).toMatch(/^(MODEL_ID_INVALID|MODEL_LOCATION_REQUIRED)$/);
    expect(hub.requests).toEqual([]);
  });
});

describe('the huggingface model source as users get it', () => {
  const saved: Record<string, string | undefined> = {};
  const names = [
    'HF_ENDPOINT',
    'HF_HOME',
    'HF_TOKEN',
    'HF_TOKEN_PATH',
    'HUGGING_FACE_HUB_TOKEN',
    'HF_HUB_OFFLINE',
    'TRANSFORMERS_OFFLINE',
  ];

  beforeEach(() => {
    for (const name of names) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });

  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('reads HF_ENDPOINT and the token file from the environment when it resolves', async () => {
    const tokenFile = join(home, 'elsewhere', 'my-token');
    mkdirSync(join(home, 'elsewhere'));
    writeFileSync(tokenFile, TOKEN);
    process.env.HF_ENDPOINT = `${hub.url}/`;
    process.env.HF_HOME = join(home, 'hf');
    process.env.HF_TOKEN_PATH = tokenFile;
    hub.model(ID, { info: INFO, config: CONFIG, tokenizerConfig: TOKENIZER_CONFIG });
    const resolved = await huggingfaceSource.resolve({ location: ID, cwd: home, offline: false });
    expect(resolved.hub?.config).toEqual(CONFIG);
    expect(hub.requests.map((r) => r.authorization)).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
  });
});
