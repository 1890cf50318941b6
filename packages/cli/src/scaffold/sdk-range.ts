import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The `@mcc/sdk` range a new plugin declares: the major of the sdk this CLI carries, which core
 * checks every plugin against (docs/plugins.md §6). Below 1.0 semver treats each minor as a major,
 * so the range pins the minor there (`^0.1.0`).
 */
export function sdkPeerRange(): string {
  const path = fileURLToPath(import.meta.resolve('@mcc/sdk/package.json'));
  const { version } = JSON.parse(readFileSync(path, 'utf8')) as { version: string };
  const [major = '0', minor = '0'] = version.split('.');
  return major === '0' ? `^0.${minor}.0` : `^${major}.0.0`;
}
