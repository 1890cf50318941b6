#!/usr/bin/env node
// Startup benchmark: wall time of `mcc --version` and of `mcc generate` (sklearn sample, --yes
// --offline) as ratios to `node -e 0` measured in the same run, interleaved so machine noise hits
// all three alike. Targets (issue 2): --version <= 3x, generate <= 5x. Build first (`npm test` or
// `npx pnpm@10 exec turbo run manifest`). `mcc --help` is held to the generate target (it loads
// oclif and every manifest, but no plugin code). `--with-example` first installs
// examples/mcc-plugin-numpy-linear from its tarball into the isolated data dir (see
// install-example.mjs), so the figures include a user-installed plugin.
// Usage: node bench/startup.mjs [--runs N] [--json] [--with-example]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 15;
const asJson = args.includes('--json');
const withExample = args.includes('--with-example');
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'packages', 'cli', 'bin', 'run.js');
const work = mkdtempSync(join(tmpdir(), 'mcc-bench-'));
// An isolated oclif data/config dir, so user-installed plugins of the machine do not count.
const env = {
  ...process.env,
  MCC_DATA_DIR: join(work, 'data'),
  MCC_CONFIG_DIR: join(work, 'config'),
  MCC_CACHE_DIR: join(work, 'cache'),
};

if (withExample) {
  const { installExample } = await import('./install-example.mjs');
  installExample(work, env);
}

const cases = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'mcc --version': [process.execPath, [bin, '--version']],
  'mcc --help': [process.execPath, [bin, '--help']],
  'mcc generate': [
    process.execPath,
    [bin, 'generate', 'bench-sample', '--yes', '--offline', '--force', '--output-dir', work],
  ],
};
const targets = { 'mcc --version': 3, 'mcc --help': 5, 'mcc generate': 5 };

function time(command, argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { env, cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0)
    throw new Error(`${command} ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One warm-up of each (file cache), then interleaved timed runs.
for (const [cmd, argv] of Object.values(cases)) time(cmd, argv);
const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++)
  for (const [name, [cmd, argv]] of Object.entries(cases)) samples[name].push(time(cmd, argv));
rmSync(work, { recursive: true, force: true });

const baseline = median(samples['node -e 0']);
const rows = Object.entries(samples).map(([name, xs]) => {
  const med = median(xs);
  const ratio = med / baseline;
  const target = targets[name];
  return {
    name,
    medianMs: +med.toFixed(1),
    minMs: +Math.min(...xs).toFixed(1),
    maxMs: +Math.max(...xs).toFixed(1),
    ratio: +ratio.toFixed(2),
    target,
    ok: target === undefined || ratio <= target,
  };
});

if (asJson) console.log(JSON.stringify({ runs, withExample, rows }, null, 2));
else {
  console.log(
    `startup, ${runs} interleaved runs each${withExample ? ', example plugin installed' : ''} (median / min / max ms, ratio to node -e 0)`,
  );
  for (const r of rows) {
    const verdict = r.target === undefined ? 'baseline' : `${r.ok ? 'ok' : 'OVER'} (target <= ${r.target}x)`;
    console.log(
      `  ${r.name.padEnd(14)} ${String(r.medianMs).padStart(7)} ${String(r.minMs).padStart(7)} ${String(r.maxMs).padStart(7)}  ${r.ratio.toFixed(2)}x  ${verdict}`,
    );
  }
}
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
