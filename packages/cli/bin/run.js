#!/usr/bin/env node
// `mcc --version` is answered here, from package.json, in oclif's own format: importing
// @oclif/core alone costs about twice a bare Node start, and a version check should not pay it.
// Everything else (including `mcc version --json` style requests) goes through oclif.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v') && !process.env.MCC_NO_FAST_VERSION) {
  const { readFileSync } = await import('node:fs');
  const { arch, platform } = await import('node:os');
  const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const cpu = arch() === 'ia32' ? 'x86' : arch();
  process.stdout.write(`${pjson.name}/${pjson.version} ${platform()}-${cpu} node-${process.version}\n`);
} else {
  const { execute } = await import('@oclif/core');
  await execute({ dir: import.meta.url });
}
