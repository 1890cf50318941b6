import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { FileRule } from '../../files.js';
import { listTemplates } from '../../render.js';
import type { RenderedFile, TemplateFolders } from '../../render.js';
import { problem } from './problem.js';
import type { ConformanceProblem } from './problem.js';

/** Paths core writes itself; a plugin emitting one would clash with core at generation time. */
export const CORE_PATHS: readonly string[] = ['README.md', 'mcc.json', '.gitignore'];

function roots(dirs: TemplateFolders): string[] {
  const list: readonly (URL | string)[] = Array.isArray(dirs) ? dirs : [dirs as URL | string];
  return list.map((d) => (typeof d === 'string' ? d : fileURLToPath(d)));
}

/**
 * Checks a plugin's file rules against its templates folder, once, without rendering: every rule
 * names a template that exists, no template has two rules, and every rule says something (a
 * condition, making the file optional, or another output name). A rule with neither is usually an
 * optional file whose condition was forgotten.
 */
export async function checkFileRules(
  owner: string,
  templatesDir: TemplateFolders,
  rules: readonly FileRule<never>[] = [],
): Promise<ConformanceProblem[]> {
  const templates = new Set(await listTemplates(templatesDir));
  const problems: ConformanceProblem[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    if (!templates.has(rule.template)) {
      problems.push(
        problem(
          'declared-files',
          `${owner} declares a file rule for "${rule.template}", but no such template exists (looked for ${rule.template} and ${rule.template}.ejs).`,
          rule.template,
        ),
      );
    }
    if (seen.has(rule.template)) {
      problems.push(
        problem(
          'declared-files',
          `${owner} declares two file rules for "${rule.template}"; only one applies.`,
          rule.template,
        ),
      );
    }
    seen.add(rule.template);
    if (rule.when === undefined && rule.output === undefined) {
      problems.push(
        problem(
          'declared-files',
          `${owner}'s file rule for "${rule.template}" has no condition (when) and no output name: an optional file needs its condition.`,
          rule.template,
        ),
      );
    }
  }
  return problems;
}

/** The template a generated path comes from: the rule that renames to it, or the path itself. */
function templateOf(path: string, rules: readonly FileRule<never>[]): string {
  return rules.find((r) => r.output === path)?.template ?? path;
}

/**
 * Checks what one render emitted against what the plugin declares. A rendered EJS template that
 * comes out blank is an optional file in disguise (its content wrapped in an `if`): core would
 * still write it, so it must be declared with a `when` instead. Paths core writes are refused.
 */
export function checkEmittedFiles(
  owner: string,
  templatesDir: TemplateFolders,
  rules: readonly FileRule<never>[],
  files: readonly RenderedFile[],
  scenario: string,
): ConformanceProblem[] {
  const problems: ConformanceProblem[] = [];
  const folders = roots(templatesDir);
  for (const file of files) {
    if (CORE_PATHS.includes(file.path)) {
      problems.push(
        problem(
          'declared-files',
          `${owner} emits ${file.path}, which core writes itself (${scenario}).`,
          file.path,
        ),
      );
    }
    const template = templateOf(file.path, rules);
    const rendered = folders.some((root) => existsSync(join(root, `${template}.ejs`)));
    if (rendered && file.content.toString().trim() === '') {
      problems.push(
        problem(
          'declared-files',
          `${owner} emits ${file.path} blank (${scenario}): a file that exists only sometimes must be declared in \`files\` with a \`when\` condition instead of rendering empty.`,
          file.path,
        ),
      );
    }
  }
  return problems;
}
