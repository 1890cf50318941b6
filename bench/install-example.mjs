// Builds examples/mcc-plugin-numpy-linear, packs it and installs the tarball with
// `mcc plugins install file:<tarball> --yes` into the data dir of `env`, offline: TypeScript, Node
// types and @mcc/sdk come from the workspace (symlinked), npm runs with --offline and leaves the
// sdk peer to the one linked beside the data dir. Used by `startup.mjs --with-example`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(repo, 'package.json'));
const pkgDir = (name) => dirname(require.resolve(`${name}/package.json`));

/** Returns the extra environment the install used (the same is harmless for later runs). */
export function installExample(work, env) {
  const dir = join(work, 'example');
  const example = join(repo, 'examples', 'mcc-plugin-numpy-linear');
  for (const entry of readdirSync(example)) {
    if (!['node_modules', 'dist', 'oclif.manifest.json'].includes(entry))
      cpSync(join(example, entry), join(dir, entry), { recursive: true });
  }
  mkdirSync(join(dir, 'node_modules', '@mcc'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  symlinkSync(join(repo, 'packages', 'sdk'), join(dir, 'node_modules', '@mcc', 'sdk'));
  symlinkSync(pkgDir('typescript'), join(dir, 'node_modules', 'typescript'));
  symlinkSync(pkgDir('@types/node'), join(dir, 'node_modules', '@types', 'node'));
  const quiet = { ...env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true', npm_config_update_notifier: 'false' };
  execFileSync(process.execPath, [join(pkgDir('typescript'), 'bin', 'tsc'), '-p', '.'], {
    cwd: dir,
    env: quiet,
  });
  execFileSync(process.execPath, [join(pkgDir('oclif'), 'bin', 'run.js'), 'manifest'], {
    cwd: dir,
    env: quiet,
    stdio: 'ignore',
  });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: dir,
      env: quiet,
    }),
  );
  // The data dir's parent: where Node finds the sdk from the installed plugin's folder.
  mkdirSync(join(dirname(env.MCC_DATA_DIR), 'node_modules', '@mcc'), { recursive: true });
  symlinkSync(join(repo, 'packages', 'sdk'), join(dirname(env.MCC_DATA_DIR), 'node_modules', '@mcc', 'sdk'));
  const offline = {
    npm_config_offline: 'true',
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_legacy_peer_deps: 'true',
    MCC_NPM_REGISTRY: 'http://127.0.0.1:9/',
  };
  const bin = join(repo, 'packages', 'cli', 'bin', 'run.js');
  execFileSync(
    process.execPath,
    [bin, 'plugins', 'install', `file:${join(work, packed[0].filename)}`, '--yes'],
    {
      env: { ...quiet, ...offline },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const listed = execFileSync(process.execPath, [bin, 'list', '--kind', 'server'], { env, encoding: 'utf8' });
  if (!/numpy-linear\s+@acme\/mcc-plugin-numpy-linear@\S+ \(user\)/.test(listed)) {
    throw new Error(`the example plugin is not listed after installing it:\n${listed}`);
  }
}
