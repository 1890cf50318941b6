#!/usr/bin/env node
// `mcc --version` is answered here, from package.json, in oclif's own format: importing
// @oclif/core alone costs about twice a bare Node start, and a version check should not pay it.
// Everything else (including `mcc version --json` style requests) goes through oclif.
let argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v') && !process.env.MCC_NO_FAST_VERSION) {
  const { readFileSync } = await import('node:fs');
  const { arch, platform } = await import('node:os');
  const pjson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const cpu = arch() === 'ia32' ? 'x86' : arch();
  process.stdout.write(`${pjson.name}/${pjson.version} ${platform()}-${cpu} node-${process.version}\n`);
} else {
  if (argv[0]?.startsWith('plugins')) {
    // `plugins install --yes`: the flag mcc adds to @oclif/plugin-plugins' command (see yes-flag.ts).
    const { takeInstallYesFlag } = await import('../dist/install-consent/yes-flag.js');
    const taken = takeInstallYesFlag(argv);
    argv = taken.argv;
    if (taken.yes) process.env.MCC_YES = '1';
  }
  const { execute } = await import('@oclif/core');
  await execute({ args: argv, dir: import.meta.url });
}
