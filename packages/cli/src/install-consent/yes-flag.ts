const INSTALL_COMMANDS = new Set(['install', 'add', 'i']);

/**
 * @oclif/plugin-plugins' install command has no `--yes` and takes any other word as a plugin to
 * install, so bin/run.js hands the flag over as MCC_YES=1 and removes it before oclif parses:
 * `mcc plugins install --yes file:/x.tgz` then means what it says. Other commands keep their argv.
 */
export function takeInstallYesFlag(argv: readonly string[]): { argv: string[]; yes: boolean } {
  const isInstall =
    (argv[0] === 'plugins' && INSTALL_COMMANDS.has(argv[1] ?? '')) ||
    argv[0] === 'plugins:install' ||
    argv[0] === 'plugins:add';
  if (!isInstall) return { argv: [...argv], yes: false };
  const kept = argv.filter((arg) => arg !== '--yes' && arg !== '-y');
  return { argv: kept, yes: kept.length !== argv.length };
}
