import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ContributionRegistry } from '../src/registry/contribution-registry.js';
import { fireRegisterHooks } from '../src/registry/fire-register-hooks.js';
import type { HookHost } from '../src/registry/plugin-info.js';

/** Writes a plugin folder whose hook module is `hookSource`; returns its host description. */
async function fixturePlugin(
  name: string,
  hookSource: string,
  extra: Record<string, string> = {},
): Promise<HookHost> {
  const root = await mkdtemp(join(tmpdir(), 'mcc-registry-'));
  await mkdir(join(root, 'hooks'));
  await writeFile(join(root, 'hooks', 'register.js'), hookSource);
  for (const [file, text] of Object.entries(extra)) await writeFile(join(root, file), text);
  return {
    name,
    version: '1.2.3',
    type: 'user',
    root,
    hooks: { 'mcc:register': [{ target: './hooks/register.js', identifier: 'default' }] },
    sdkRange: '^0.1.0',
  };
}

const serverHook = (id: string, impl = '../impl.js') => `
export default function ({ registry }) {
  registry.add('server', { id: '${id}', summary: 'a ${id} server', load: async () => (await import('${impl}')).server });
}`;

describe('ContributionRegistry through fireRegisterHooks', () => {
  it('keeps the first owner of a duplicate id and names both plugins', async () => {
    const a = await fixturePlugin('@acme/mcc-plugin-a', serverHook('fast'));
    const b = await fixturePlugin('@other/mcc-plugin-b', serverHook('fast'));
    const registry = new ContributionRegistry();
    await fireRegisterHooks([a, b], registry);
    expect(registry.list('server').map((c) => [c.id, c.plugin.name])).toEqual([
      ['fast', '@acme/mcc-plugin-a'],
    ]);
    expect(registry.problems).toHaveLength(1);
    expect(registry.problems[0]!.plugin.name).toBe('@other/mcc-plugin-b');
    expect(registry.problems[0]!.message).toContain('@acme/mcc-plugin-a');
    expect(registry.problems[0]!.message).toContain('@other/mcc-plugin-b');
    expect(registry.problems[0]!.message).toContain('"fast"');
  });

  it('reports a plugin whose hook throws, by name, and registers the others', async () => {
    const bad = await fixturePlugin(
      '@acme/mcc-plugin-broken',
      `export default function () { throw new Error('kaput'); }`,
    );
    const good = await fixturePlugin('@acme/mcc-plugin-good', serverHook('good'));
    const registry = new ContributionRegistry();
    await fireRegisterHooks([bad, good], registry);
    expect(registry.ids('server')).toEqual(['good']);
    expect(registry.problems.map((p) => p.plugin.name)).toEqual(['@acme/mcc-plugin-broken']);
    expect(registry.problems[0]!.message).toMatch(/@acme\/mcc-plugin-broken@1\.2\.3 failed: kaput/);
  });

  it('reports a hook module that cannot be imported', async () => {
    const host = await fixturePlugin('@acme/mcc-plugin-syntax', 'export default function ( {');
    const registry = new ContributionRegistry();
    await fireRegisterHooks([host], registry);
    expect(registry.problems[0]!.message).toContain('@acme/mcc-plugin-syntax');
  });

  it('does not import an implementation until it is loaded, and loads it once', async () => {
    const host = await fixturePlugin('@acme/mcc-plugin-lazy', serverHook('lazy'), {
      'impl.js': `globalThis.__mccLazyImports = (globalThis.__mccLazyImports ?? 0) + 1;
export const server = { kind: 'server', id: 'lazy' };`,
    });
    const registry = new ContributionRegistry();
    await fireRegisterHooks([host], registry);
    const counter = globalThis as { __mccLazyImports?: number };
    expect(counter.__mccLazyImports).toBeUndefined();
    await registry.load('server', 'lazy');
    await registry.load('server', 'lazy');
    expect(counter.__mccLazyImports).toBe(1);
  });

  it('names the plugin when load() fails or returns the wrong kind', async () => {
    const failing = await fixturePlugin('@acme/mcc-plugin-missing', serverHook('missing', './nope.js'));
    const wrong = await fixturePlugin('@acme/mcc-plugin-wrong', serverHook('wrong'), {
      'impl.js': `export const server = { kind: 'target', id: 'wrong' };`,
    });
    const registry = new ContributionRegistry();
    await fireRegisterHooks([failing, wrong], registry);
    await expect(registry.load('server', 'missing')).rejects.toMatchObject({
      code: 'PLUGIN_LOAD_FAILED',
      message: expect.stringContaining('@acme/mcc-plugin-missing@1.2.3'),
    });
    await expect(registry.load('server', 'wrong')).rejects.toMatchObject({
      code: 'PLUGIN_LOAD_FAILED',
      message: expect.stringContaining('@acme/mcc-plugin-wrong'),
    });
  });

  it('rejects bad descriptors and unknown points with a problem, not a crash', async () => {
    const host = await fixturePlugin(
      '@acme/mcc-plugin-odd',
      `export default function ({ registry }) {
        registry.add('widget', { id: 'w', summary: '', load: async () => ({}) });
        registry.add('server', { id: 'Bad Id', summary: '', load: async () => ({}) });
      }`,
    );
    const registry = new ContributionRegistry();
    await fireRegisterHooks([host], registry);
    expect(registry.list()).toEqual([]);
    expect(registry.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('unknown extension point "widget"'),
      expect.stringContaining('"Bad Id"'),
    ]);
  });

  it('answers an unknown id with the accepted ones, sorted', async () => {
    const registry = new ContributionRegistry();
    await fireRegisterHooks(
      [await fixturePlugin('p1', serverHook('zeta')), await fixturePlugin('p2', serverHook('alpha'))],
      registry,
    );
    expect(registry.ids('server')).toEqual(['alpha', 'zeta']);
    expect(() => registry.get('server', 'tensorflw')).toThrow(
      /Unknown server "tensorflw"\. Accepted: alpha or zeta\./,
    );
    try {
      registry.get('server', 'x');
    } catch (error) {
      expect(error).toMatchObject({ code: 'UNKNOWN_SERVER', exitCode: 2 });
    }
  });
});

describe('registration order', () => {
  it('lets a shipped plugin keep its id whatever order oclif lists plugins in', async () => {
    const linked = {
      ...(await fixturePlugin('@acme/mcc-plugin-linked', serverHook('shared'))),
      type: 'link',
    };
    const user = { ...(await fixturePlugin('@acme/mcc-plugin-user', serverHook('shared'))), type: 'user' };
    const core = { ...(await fixturePlugin('@mcc/plugin-core', serverHook('shared'))), type: 'core' };
    const registry = new ContributionRegistry();
    await fireRegisterHooks([linked, user, core], registry);
    expect(registry.get('server', 'shared').plugin.name).toBe('@mcc/plugin-core');
    expect(registry.problems.map((p) => p.plugin.name)).toEqual([
      '@acme/mcc-plugin-user',
      '@acme/mcc-plugin-linked',
    ]);
  });
});

describe('a plugin built for another @mcc/sdk major', () => {
  const sdk = { version: '2.3.0', major: 2 };

  it('is named with the range it wants and the sdk mcc carries, and not loaded; the others are', async () => {
    const old = { ...(await fixturePlugin('@acme/mcc-plugin-old', serverHook('old'))), sdkRange: '^1.4.0' };
    const none = { ...(await fixturePlugin('@acme/mcc-plugin-none', serverHook('none'))) };
    delete none.sdkRange;
    const fine = {
      ...(await fixturePlugin('@acme/mcc-plugin-fine', serverHook('fine'))),
      sdkRange: '^2.0.0',
    };
    const registry = new ContributionRegistry();
    await fireRegisterHooks([old, none, fine], registry, sdk);
    expect(registry.ids('server')).toEqual(['fine']);
    expect(registry.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(
        /^@acme\/mcc-plugin-old@1\.2\.3 is built for @mcc\/sdk \^1\.4\.0, and this mcc carries @mcc\/sdk 2\.3\.0; it is not loaded\. Install a version of it built for @mcc\/sdk 2\.x/,
      ),
      expect.stringMatching(/^@acme\/mcc-plugin-none@1\.2\.3 declares no @mcc\/sdk version/),
    ]);
  });

  it('reads the ranges plugins declare by their major only', async () => {
    const { acceptsSdkMajor } = await import('../src/registry/sdk-compatibility.js');
    const accepted = [
      '^2.0.0',
      '~2.1.4',
      '2.0.0',
      '2.x',
      '2',
      '>=1',
      '>=2 <3',
      '^1.0.0 || ^2.0.0',
      '*',
      'workspace:^',
    ];
    const refused = ['^1.9.0', '3.x', '>=3', '>=1 <2', 'latest', 'github:acme/sdk'];
    for (const range of accepted) expect(acceptsSdkMajor(range, 2), range).toBe(true);
    for (const range of refused) expect(acceptsSdkMajor(range, 2), range).toBe(false);
  });
});
