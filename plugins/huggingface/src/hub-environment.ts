import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { McError, usageError } from '@mcc/sdk';

/** Environment variables as the Hub's own tools (huggingface_hub) read them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The Hub mcc talks to when HF_ENDPOINT is not set. */
export const DEFAULT_ENDPOINT = 'https://huggingface.co';

/** Where a token comes from, in the words an error message uses. */
export const TOKEN_SOURCES =
  "HF_TOKEN, or the token file the Hub's own tools read ($HF_TOKEN_PATH, else $HF_HOME/token, else " +
  '~/.cache/huggingface/token; `hf auth login` writes it)';

/** A token and where it was found (the variable's name or the file's path; never the token itself). */
export interface HubToken {
  value: string;
  origin: string;
}

// huggingface_hub's truthy spellings for boolean variables.
const TRUE_VALUES = new Set(['1', 'ON', 'YES', 'TRUE']);

function isTrue(value: string | undefined): boolean {
  return value !== undefined && TRUE_VALUES.has(value.trim().toUpperCase());
}

function expandHome(path: string, home: string): string {
  return path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path;
}

/** HF_HUB_OFFLINE (or the older TRANSFORMERS_OFFLINE) set to a truthy value: the Hub is not asked. */
export function hubOfflineByEnvironment(env: Environment): boolean {
  return isTrue(env.HF_HUB_OFFLINE) || isTrue(env.TRANSFORMERS_OFFLINE);
}

/** HF_ENDPOINT (without a trailing slash), else the public Hub; a value that is not a URL is refused. */
export function hubEndpoint(env: Environment): string {
  const given = env.HF_ENDPOINT?.trim();
  if (!given) return DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(
      'HF_ENDPOINT_INVALID',
      `HF_ENDPOINT is "${given}", which is not an http:// or https:// address.`,
      [`Set HF_ENDPOINT to the Hub's address (e.g. ${DEFAULT_ENDPOINT} or a mirror), or unset it.`],
    );
  }
  return given.replace(/\/+$/, '');
}

/** The token file huggingface_hub reads: $HF_TOKEN_PATH, else $HF_HOME/token, else the XDG cache. */
export function tokenFilePath(env: Environment, home: string = homedir()): string {
  if (env.HF_TOKEN_PATH) return expandHome(env.HF_TOKEN_PATH, home);
  const hfHome = env.HF_HOME
    ? expandHome(env.HF_HOME, home)
    : join(env.XDG_CACHE_HOME ? expandHome(env.XDG_CACHE_HOME, home) : join(home, '.cache'), 'huggingface');
  return join(hfHome, 'token');
}

/**
 * The token the Hub's own tools would send: HF_TOKEN (or the older HUGGING_FACE_HUB_TOKEN), else
 * the token file. Blank values count as absent, as they do there.
 */
export function readHubToken(env: Environment, home: string = homedir()): HubToken | undefined {
  for (const name of ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'] as const) {
    const value = env[name]?.trim();
    if (value) return { value, origin: name };
  }
  const path = tokenFilePath(env, home);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new McError(`The Hugging Face token file ${path} cannot be read (${code ?? 'unknown error'}).`, {
      code: 'HF_TOKEN_UNREADABLE',
      suggestions: ['Fix its permissions, or set HF_TOKEN instead.'],
    });
  }
  const value = text.trim();
  return value ? { value, origin: `the token file ${path}` } : undefined;
}
