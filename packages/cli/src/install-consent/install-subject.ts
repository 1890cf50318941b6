import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { tarballManifest } from './tarball-manifest.js';

/** What `mcc plugins install` was asked for, as @oclif/plugin-plugins hands it to `plugins:preinstall`. */
export type InstallRequest = { type: 'npm'; name: string; tag: string } | { type: 'repo'; url: string };

/** The package about to be installed: its name when it can be known before npm runs. */
export interface InstallSubject {
  /** As the user will recognise it: the package name, else the URL or path they gave. */
  label: string;
  name?: string;
}

function localPath(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  return url.startsWith('file://') ? fileURLToPath(url) : url.slice('file:'.length);
}

function localManifest(path: string): Record<string, unknown> | undefined {
  try {
    if (statSync(path).isDirectory()) {
      const pjson = join(path, 'package.json');
      return existsSync(pjson)
        ? (JSON.parse(readFileSync(pjson, 'utf8')) as Record<string, unknown>)
        : undefined;
    }
    return tarballManifest(path);
  } catch {
    // Not a package we can read: npm will say why; the consent question names the path instead.
    return undefined;
  }
}

/**
 * Names what is about to be installed. A registry package names itself; a local tarball or folder
 * (`file:`) is read for its package.json, so `file:./x.tgz` holding `@mcc/plugin-x` is recognised as
 * mcc's; a git URL cannot be read before npm fetches it, so it is named by its URL and treated as
 * outside the @mcc scope.
 */
export function installSubject(request: InstallRequest): InstallSubject {
  if (request.type === 'npm') return { label: `${request.name}@${request.tag}`, name: request.name };
  const path = localPath(request.url);
  const name = path === undefined ? undefined : localManifest(path)?.name;
  return typeof name === 'string' ? { label: `${name} (${request.url})`, name } : { label: request.url };
}
