import { readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

/**
 * Template trees are small files: synchronous reads are faster here than the thread pool's round
 * trips (measured on `mcc generate`), and a CLI has nothing else to do meanwhile.
 */
function walk(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(root, full));
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
  const rendered = walk(root).map((file): RenderedFile | undefined => {
    if (isPartial(file)) return undefined;
    const isTemplate = file.endsWith(TEMPLATE_SUFFIX);
    const logical = isTemplate ? file.slice(0, -TEMPLATE_SUFFIX.length) : file;
    const rule = rules.get(logical);
    if (rule?.when && !rule.when(options.locals)) return undefined;
    const full = join(root, file);
    const raw = readFileSync(full);
    const content = isTemplate
      ? ejs.render(raw.toString('utf8'), locals, { filename: full, async: false })
      : raw;
    return { path: rule?.output ?? logical, content, mode: statSync(full).mode & 0o111 ? 0o755 : 0o644 };
  });
  const out = rendered.filter((file): file is RenderedFile => file !== undefined);
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
  return walk(toPath(templatesDir))
    .filter((file) => !isPartial(file))
    .map((file) => (file.endsWith(TEMPLATE_SUFFIX) ? file.slice(0, -TEMPLATE_SUFFIX.length) : file));
}
