import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { KindNaming, PluginKind } from './kinds.js';

/** One file of the new project, relative to its root. */
export interface ScaffoldFile {
  path: string;
  content: string;
  mode: number;
}

/** The words a scaffold template leaves to fill: `__ID__` and so on. */
export interface ScaffoldWords {
  kind: PluginKind;
  id: string;
  summary: string;
  naming: KindNaming;
}

const SCAFFOLD_ROOT = fileURLToPath(new URL('../../scaffold/', import.meta.url));
/** Stored without its dot: npm leaves `.gitignore` files out of the CLI's own tarball. */
const RENAMES: Record<string, string> = { gitignore: '.gitignore' };

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** TypeScript string contents are single-quoted in the templates; a summary may hold quotes. */
function tsString(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll("'", "\\'");
}

function fill(text: string, words: ScaffoldWords): string {
  return text
    .replaceAll('__KIND__', words.kind)
    .replaceAll('__ID__', words.id)
    .replaceAll('__SUMMARY__', tsString(words.summary))
    .replaceAll('__MODULE__', words.naming.module)
    .replaceAll('__EXPORT__', words.naming.exportName)
    .replaceAll('__PASCAL__', words.naming.pascal);
}

/**
 * The files shared by every kind, then the kind's own. Names ending `.tmpl` are filled in and lose
 * the suffix; other files (the plugin's own EJS templates, a Python app) are copied as they are,
 * executable bits kept, since their tags are for mcc to render in the user's project later.
 */
export function scaffoldFiles(words: ScaffoldWords): ScaffoldFile[] {
  const files: ScaffoldFile[] = [];
  for (const folder of ['common', words.kind]) {
    const root = join(SCAFFOLD_ROOT, folder);
    for (const full of walk(root)) {
      let path = relative(root, full).split(sep).join('/');
      const raw = readFileSync(full, 'utf8');
      const templated = path.endsWith('.tmpl');
      if (templated) path = path.slice(0, -'.tmpl'.length);
      path = RENAMES[path] ?? path;
      files.push({
        path,
        content: templated ? fill(raw, words) : raw,
        mode: statSync(full).mode & 0o111 ? 0o755 : 0o644,
      });
    }
  }
  return files;
}
