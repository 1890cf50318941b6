import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import ejs from 'ejs';

import { escapers } from './escape.js';
import type { FileRule } from './files.js';

/** One file of a generated project, before it is written. */
export interface RenderedFile {
  /** POSIX path relative to the project root. */
  path: string;
  content: string | Buffer;
  /** 0o755 for scripts (the template is executable), 0o644 otherwise. */
  mode: number;
}

export interface RenderOptions<I extends object> {
  templatesDir: URL | string;
  /** Values templates see; the escaping helpers are added. */
  locals: I;
  rules?: readonly FileRule<I>[];
}

const TEMPLATE_SUFFIX = '.ejs';

function toPath(dir: URL | string): string {
  return typeof dir === 'string' ? dir : fileURLToPath(dir);
}

async function walk(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(root, full)));
    else if (entry.isFile()) files.push(relative(root, full).split(sep).join('/'));
  }
  return files.sort();
}

/** Partials (README sections and includes) start with `_` and are never emitted on their own. */
function isPartial(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('_'));
}

/**
 * Renders a plugin's templates folder into a list of files. `.ejs` files are rendered with the
 * locals and the escaping helpers; other files are copied byte for byte. Rules decide which
 * conditional files are emitted and under which name.
 */
export async function renderTemplates<I extends object>(options: RenderOptions<I>): Promise<RenderedFile[]> {
  const root = toPath(options.templatesDir);
  const rules = new Map((options.rules ?? []).map((rule) => [rule.template, rule]));
  const locals = { ...escapers, ...options.locals };
  const out: RenderedFile[] = [];
  for (const file of await walk(root)) {
    if (isPartial(file)) continue;
    const isTemplate = file.endsWith(TEMPLATE_SUFFIX);
    const logical = isTemplate ? file.slice(0, -TEMPLATE_SUFFIX.length) : file;
    const rule = rules.get(logical);
    if (rule?.when && !rule.when(options.locals)) continue;
    const full = join(root, file);
    const mode = (await stat(full)).mode & 0o111 ? 0o755 : 0o644;
    const content = isTemplate
      ? ejs.render(await readFile(full, 'utf8'), locals, { filename: full, async: false })
      : await readFile(full);
    out.push({ path: rule?.output ?? logical, content, mode });
  }
  return out;
}

/** Renders one partial (e.g. `_README.md.ejs`) if the plugin has it. */
export async function renderPartial(
  templatesDir: URL | string,
  name: string,
  locals: object,
): Promise<string | undefined> {
  const full = join(toPath(templatesDir), name);
  let source: string;
  try {
    source = await readFile(full, 'utf8');
  } catch {
    return undefined;
  }
  return ejs.render(source, { ...escapers, ...locals }, { filename: full, async: false });
}

/** Every template path (logical, without `.ejs`) in a folder, for checks on file rules. */
export async function listTemplates(templatesDir: URL | string): Promise<string[]> {
  return (await walk(toPath(templatesDir)))
    .filter((file) => !isPartial(file))
    .map((file) => (file.endsWith(TEMPLATE_SUFFIX) ? file.slice(0, -TEMPLATE_SUFFIX.length) : file));
}
