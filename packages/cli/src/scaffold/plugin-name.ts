import { usageError } from '@mcc/sdk';

/** What a package name gives a new plugin: its id, its folder and the identifiers of its code. */
export interface PluginNaming {
  packageName: string;
  /** The contribution's id: kebab-case, as `mcc generate --server <id>` takes it. */
  id: string;
  /** The folder the project is written to by default: the name without its scope. */
  dirName: string;
}

const PACKAGE_NAME = /^(?:@([a-z0-9][a-z0-9._-]*)\/)?([a-z0-9][a-z0-9._-]*)$/;
const KEBAB_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const PREFIXES = ['mcc-plugin-', 'plugin-'];

/**
 * Checks a package name the way npm would accept it for publishing (lower case, an optional scope,
 * at most 214 characters) and derives the contribution id from it: `@acme/mcc-plugin-onnx` → `onnx`,
 * following the `@scope/mcc-plugin-<id>` naming mcc documents. An explicit `id` wins.
 */
export function pluginNaming(packageName: string, id?: string): PluginNaming {
  const match = PACKAGE_NAME.exec(packageName);
  if (!match || packageName.length > 214) {
    throw usageError(
      'PLUGIN_NAME_INVALID',
      `"${packageName}" is not a package name npm accepts: lower-case letters, digits, ".", "_" and "-", optionally under a scope (@scope/name).`,
      ['Name it @<your-scope>/mcc-plugin-<id>, e.g. --name @acme/mcc-plugin-onnx.'],
    );
  }
  const bare = match[2]!;
  if (match[1] === 'mcc') {
    throw usageError('PLUGIN_NAME_INVALID', `"${packageName}" is in the @mcc scope, which is mcc's own.`, [
      'Publish under your own scope, e.g. --name @acme/mcc-plugin-onnx.',
    ]);
  }
  const prefix = PREFIXES.find((p) => bare.startsWith(p));
  const derived = id ?? (prefix ? bare.slice(prefix.length) : bare);
  if (!KEBAB_ID.test(derived)) {
    throw usageError(
      'PLUGIN_ID_INVALID',
      `The contribution id "${derived}" (from ${id === undefined ? `the name ${packageName}` : '--id'}) is not lower-case kebab-case (e.g. onnx, numpy-linear).`,
      ['Pass --id <kebab-case-id>, or name the package @<scope>/mcc-plugin-<id>.'],
    );
  }
  return { packageName, id: derived, dirName: bare };
}
