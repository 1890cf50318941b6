import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { SCENARIOS, generateScenario } from './helpers/scenarios.js';

/**
 * Golden trees: every generated file of every scenario, compared byte for byte with
 * test/__golden__/<scenario>/. Large or binary files are kept as their sha256. After an intended
 * change, regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
const GOLDEN = fileURLToPath(new URL('./__golden__/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const LARGE = 64 * 1024;
const CLI_VERSION = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'))
  .version as string;

/** The generator's version changes every release; goldens hold a placeholder. */
function normalise(text: string): string {
  return text
    .replaceAll(`@mcc/cli ${CLI_VERSION}`, '@mcc/cli <version>')
    .replaceAll(`"version": "${CLI_VERSION}"`, '"version": "<version>"');
}

async function goldenFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)));
    }
  }
  await walk(dir).catch(() => undefined);
  return out.sort();
}

function goldenForm(path: string, bytes: Buffer): { name: string; text: string } {
  const isBinary = bytes.includes(0);
  if (isBinary || bytes.length > LARGE)
    return { name: `${path}.sha256`, text: `${createHash('sha256').update(bytes).digest('hex')}\n` };
  return { name: path, text: normalise(bytes.toString('utf8')) };
}

describe('golden project trees', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const generated = await generateScenario(scenario);
      const expected = new Map<string, string>();
      for (const file of generated.files) {
        const form = goldenForm(file, await readFile(join(generated.dir, file)));
        expected.set(form.name, form.text);
      }
      const root = join(GOLDEN, scenario.name);
      if (UPDATE) {
        await rm(root, { recursive: true, force: true });
        for (const [name, text] of expected) {
          await mkdir(dirname(join(root, name)), { recursive: true });
          await writeFile(join(root, name), text);
        }
      }
      expect(await goldenFiles(root), 'the set of generated files').toEqual([...expected.keys()].sort());
      for (const [name, text] of expected) {
        expect(text, `${scenario.name}/${name}`).toBe(await readFile(join(root, name), 'utf8'));
      }
    });
  }
});
