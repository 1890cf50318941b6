import { usageError } from '@mcc/sdk';

/** A Hub model as the user named it: `org/name`, optionally `@revision`. */
export interface ModelReference {
  id: string;
  /** The branch, tag or commit named after `@`, else `main`. */
  revision: string;
  /** Whether the user named the revision (`@…`). */
  revisionGiven: boolean;
}

/** The revision the Hub serves when none is named. */
export const DEFAULT_REVISION = 'main';

/** The Hub's limit on a repository name. */
export const MAX_NAME_LENGTH = 96;

// One part of a repo id: letters, digits, `-`, `_`, `.`; neither starting nor ending with `-` or `.`.
const PART = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
// A git ref or commit: no spaces, control characters or the characters git forbids in ref names.
const REVISION = /^[A-Za-z0-9_](?:[A-Za-z0-9_./-]*[A-Za-z0-9_])?$/;
const MAX_REVISION_LENGTH = 256;

const ACCEPTED =
  'A model id is "name" or "org/name": letters, digits, "-", "_" and ".", at most 96 characters, ' +
  'without "--" or "..", neither starting nor ending with "-" or ".".';
const EXAMPLE = 'For example --model Qwen/Qwen2.5-0.5B-Instruct, or --model Qwen/Qwen2.5-0.5B-Instruct@main.';

/** Why `part` breaks the Hub's repo-id rules, or undefined when it follows them. */
function partProblem(part: string, what: 'organisation' | 'name'): string | undefined {
  if (part === '') return `its ${what} is empty`;
  if (part.length > MAX_NAME_LENGTH) return `its ${what} is ${part.length} characters long`;
  if (part.includes('--') || part.includes('..')) return `its ${what} contains "--" or ".."`;
  if (!PART.test(part)) {
    const bad = [...part].find((c) => !/[A-Za-z0-9_.-]/.test(c));
    return bad === undefined
      ? `its ${what} starts or ends with "-" or "."`
      : `its ${what} contains ${JSON.stringify(bad)}`;
  }
  return undefined;
}

/** A hint for the common mistake of pasting the model page's address. */
function urlHint(typed: string): string[] {
  const match = /^https?:\/\/[^/]+\/([^/?#]+(?:\/[^/?#]+)?)/.exec(typed);
  return match ? [`Give the model id, not the page's address: --model ${match[1]!}.`] : [];
}

/**
 * Checks `org/name[@revision]` against the Hub's repo-id rules, without any network call.
 * Throws a usage error (`MODEL_ID_INVALID`) naming the value and the rules.
 */
export function parseModelReference(typed: string): ModelReference {
  const trimmed = typed.trim();
  const at = trimmed.indexOf('@');
  const id = at === -1 ? trimmed : trimmed.slice(0, at);
  const revision = at === -1 ? undefined : trimmed.slice(at + 1);
  const parts = id.split('/');
  const problem =
    parts.length > 2
      ? `it has ${parts.length - 1} "/" (at most one, between organisation and name)`
      : parts.length === 2
        ? (partProblem(parts[0]!, 'organisation') ?? partProblem(parts[1]!, 'name'))
        : partProblem(parts[0]!, 'name');
  if (problem !== undefined || id.endsWith('.git')) {
    throw usageError(
      'MODEL_ID_INVALID',
      `"${typed}" is not a Hugging Face Hub model id: ${problem ?? 'it ends with ".git"'}. ${ACCEPTED}`,
      [...urlHint(trimmed), EXAMPLE],
    );
  }
  if (revision !== undefined) {
    if (revision.length > MAX_REVISION_LENGTH || !REVISION.test(revision) || revision.includes('..')) {
      throw usageError(
        'MODEL_REVISION_INVALID',
        `"${revision}" (after "@" in "${typed}") is not a revision: a branch, tag or commit is letters, ` +
          'digits, "-", "_", "." and "/", not starting or ending with a "/", "-" or ".", without "..".',
        ['Leave "@…" out to use the main branch, or name a commit, e.g. @a1b2c3d.'],
      );
    }
  }
  return { id, revision: revision ?? DEFAULT_REVISION, revisionGiven: revision !== undefined };
}
