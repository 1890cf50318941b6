import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { validate } from 'dockerfile-utils';
import { beforeAll, describe, expect, it } from 'vitest';

import { MANAGED_INFERENCE_SCRIPTS, SCENARIOS, generateScenario } from './helpers/scenarios.js';
import type { Generated } from './helpers/scenarios.js';

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;

/** A script is a shell script by its shebang; Python entrypoints are checked by the serve tests. */
function isShell(text: string): boolean {
  return /^#!\s*\/(usr\/)?bin\/(env\s+)?(ba)?sh\b/.test(text);
}

describe.each(SCENARIOS.map((s) => [s.name, s] as const))('generated project %s', (_name, scenario) => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await generateScenario(scenario);
  });

  it.runIf(hasShellcheck || process.env.CI)('every shell script passes shellcheck', async () => {
    const scripts: string[] = [];
    for (const file of generated.files) {
      if (isShell(await readFile(join(generated.dir, file), 'utf8'))) scripts.push(file);
    }
    expect(scripts).toEqual(expect.arrayContaining([...(scenario.doScripts ?? MANAGED_INFERENCE_SCRIPTS)]));
    const check = spawnSync('shellcheck', ['--severity=style', '--external-sources', ...scripts], {
      cwd: generated.dir,
      encoding: 'utf8',
    });
    expect(check.error, 'shellcheck must be installed (apt-get install shellcheck)').toBeUndefined();
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('the Dockerfile parses and lints clean', async () => {
    const dockerfile = await readFile(join(generated.dir, 'Dockerfile'), 'utf8');
    const problems = validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(dockerfile).toMatch(/^ARG BASE_IMAGE=\S+/m);
    expect(dockerfile).toMatch(/^FROM \$\{?BASE_IMAGE\}?/m);
    if (scenario.runsAsRoot) expect(dockerfile, scenario.runsAsRoot).not.toMatch(/^USER /m);
    else expect(dockerfile).toMatch(/^USER \S+/m);
    if (scenario.modelAtRuntime) {
      // SageMaker (or the engine) brings the model at start-up; the image holds none of it.
      expect(dockerfile).not.toMatch(/^(COPY|ADD) .*\/opt\/ml\/model/m);
    } else {
      expect(dockerfile).toMatch(
        scenario.model ? /COPY .*model\/? \/opt\/ml\/model/ : /sample\/train\.py \/opt\/ml\/model/,
      );
    }
  });

  it('every JSON file parses and nothing is left unrendered', async () => {
    for (const file of generated.files) {
      const text = await readFile(join(generated.dir, file), 'utf8');
      if (file.endsWith('.json')) expect(() => JSON.parse(text), file).not.toThrow();
      if (file.endsWith('.csv') || file.endsWith('.pkl') || file.endsWith('.joblib')) continue;
      expect(text, file).not.toMatch(/<%|%>|\bundefined\b|\bNaN\b|\[object Object\]/);
    }
  });

  it('no secret or machine path lands in a file', async () => {
    for (const file of generated.files) {
      const text = await readFile(join(generated.dir, file), 'utf8');
      expect(text, file).not.toContain(generated.dir);
      expect(text, file).not.toMatch(/\/tmp\/mcc-|AKIA[0-9A-Z]{16}|hf_[A-Za-z0-9]{20,}/);
    }
  });
});
