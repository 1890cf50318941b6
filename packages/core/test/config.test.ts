import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { loadLayers, pickOptions, pickSetting } from '../src/config/layers.js';

async function dir(files: Record<string, string> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mcc-config-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
  return root;
}

describe('configuration precedence', () => {
  it('takes flags over env over config file over user config, and says where each came from', async () => {
    const cwd = await dir({
      'mcc.config.json': JSON.stringify({
        server: 'from-file',
        http: 'fastapi',
        region: 'eu-west-1',
        target: 'file-target',
      }),
    });
    const user = await dir({
      'config.json': JSON.stringify({ region: 'ap-south-1', target: 'user-target', outputDir: 'out' }),
    });
    const layers = await loadLayers({
      cwd,
      flags: { server: 'from-flag' },
      optionFlags: [],
      env: { MCC_HTTP: 'flask', AWS_REGION: 'us-west-2' },
      userConfigDir: user,
    });
    expect(pickSetting(layers, 'server')).toEqual({ value: 'from-flag', source: 'flag', origin: '--server' });
    expect(pickSetting(layers, 'http')).toEqual({ value: 'flask', source: 'env', origin: 'MCC_HTTP' });
    expect(pickSetting(layers, 'region')).toEqual({
      value: 'us-west-2',
      source: 'env',
      origin: 'AWS_REGION',
    });
    expect(pickSetting(layers, 'target')).toEqual({
      value: 'file-target',
      source: 'config',
      origin: join(cwd, 'mcc.config.json'),
    });
    expect(pickSetting(layers, 'outputDir')).toEqual({
      value: 'out',
      source: 'user-config',
      origin: join(user, 'config.json'),
    });
    expect(pickSetting(layers, 'model')).toBeUndefined();
  });

  it('prefers MCC_REGION over AWS_REGION over AWS_DEFAULT_REGION', async () => {
    const cwd = await dir();
    const pick = async (env: Record<string, string>) =>
      pickSetting(await loadLayers({ cwd, flags: {}, optionFlags: [], env }), 'region')?.origin;
    expect(await pick({ AWS_DEFAULT_REGION: 'a', AWS_REGION: 'b', MCC_REGION: 'c' })).toBe('MCC_REGION');
    expect(await pick({ AWS_DEFAULT_REGION: 'a', AWS_REGION: 'b' })).toBe('AWS_REGION');
    expect(await pick({ AWS_DEFAULT_REGION: 'a' })).toBe('AWS_DEFAULT_REGION');
  });

  it('reads YAML configs and --config paths, with options merged by precedence', async () => {
    const cwd = await dir({ 'team.yaml': 'server: sklearn\noptions:\n  workers: 3\n  timeout: 30\n' });
    const layers = await loadLayers({
      cwd,
      flags: {},
      optionFlags: ['workers=5'],
      configPath: 'team.yaml',
      env: { MCC_OPTION_TIMEOUT: '45' },
    });
    const options = pickOptions(layers);
    expect(options.get('workers')).toEqual({ value: '5', source: 'flag', origin: '--option workers=5' });
    expect(options.get('timeout')).toEqual({ value: '45', source: 'env', origin: 'MCC_OPTION_TIMEOUT' });
    expect(pickSetting(layers, 'server')?.source).toBe('config');
  });

  it.each([
    ['mcc.config.json', '{"server": "sklearn",}', /mcc\.config\.json is not valid JSON/],
    ['mcc.config.yaml', 'server: [unclosed', /mcc\.config\.yaml is not valid YAML/],
    ['mcc.config.json', '[1, 2]', /must hold an object of settings, not an array/],
    ['mcc.config.json', '{"sever": "sklearn"}', /unknown key "sever"\. Accepted keys: name, server/],
    ['mcc.config.json', '{"server": 42}', /"server" must be a non-empty string, not 42/],
    [
      'mcc.config.json',
      '{"options": {"workers": [1]}}',
      /option "workers" must be a string, number or boolean/,
    ],
  ])('rejects a malformed %s (%s)', async (name, text, message) => {
    const cwd = await dir({ [name]: text });
    await expect(loadLayers({ cwd, flags: {}, optionFlags: [], env: {} })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(message),
    });
  });

  it('fails when --config names a missing file, and on a malformed --option', async () => {
    const cwd = await dir();
    await expect(
      loadLayers({ cwd, flags: {}, optionFlags: [], configPath: 'nope.json', env: {} }),
    ).rejects.toMatchObject({ code: 'CONFIG_UNREADABLE', message: expect.stringContaining('nope.json') });
    await expect(loadLayers({ cwd, flags: {}, optionFlags: ['workers'], env: {} })).rejects.toMatchObject({
      code: 'OPTION_MALFORMED',
      message: expect.stringContaining('"workers"'),
    });
  });
});

describe('--config paths', () => {
  it('takes an absolute --config as it is, and says when it is a directory', async () => {
    const cwd = await dir();
    const elsewhere = await dir({ 'team.json': JSON.stringify({ server: 'abs' }) });
    const layers = await loadLayers({
      cwd,
      flags: {},
      optionFlags: [],
      configPath: join(elsewhere, 'team.json'),
      env: {},
    });
    expect(pickSetting(layers, 'server')).toEqual({
      value: 'abs',
      source: 'config',
      origin: join(elsewhere, 'team.json'),
    });
    await expect(
      loadLayers({ cwd, flags: {}, optionFlags: [], configPath: elsewhere, env: {} }),
    ).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
      message: `Cannot read config file ${elsewhere}: it is a directory.`,
    });
  });
});
