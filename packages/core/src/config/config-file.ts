import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';

import { McError, listOf, usageError } from '@mcc/sdk';
import type { OptionValue } from '@mcc/sdk';

import { SETTING_KEYS } from './settings.js';
import type { SettingKey } from './settings.js';

/** A parsed configuration file: settings plus plugin options. */
export interface ConfigFile {
  path: string;
  values: Partial<Record<SettingKey, string>>;
  options: Record<string, OptionValue>;
}

/** File names looked for in the working directory when `--config` is not given. */
export const DEFAULT_CONFIG_NAMES = ['mcc.config.json', 'mcc.config.yaml', 'mcc.config.yml'] as const;

const ACCEPTED_KEYS = [...SETTING_KEYS, 'options'];

async function parse(path: string, text: string): Promise<unknown> {
  const ext = extname(path).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') {
    // Only configs written in YAML pay for the parser.
    const { parseDocument } = await import('yaml');
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
    return doc.toJS();
  }
  return JSON.parse(text);
}

/**
 * Reads and validates a config file. Returns undefined when `required` is false and the file does
 * not exist; any other problem (unreadable, malformed, unknown key, wrong type) is an error naming
 * the file and the key.
 */
export async function readConfigFile(path: string, required: boolean): Promise<ConfigFile | undefined> {
  const full = resolve(path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!required && code === 'ENOENT') return undefined;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code);
    throw new McError(`Cannot read config file ${full}: ${reason}.`, {
      code: 'CONFIG_UNREADABLE',
      exitCode: 2,
    });
  }
  let data: unknown;
  try {
    data = await parse(full, text);
  } catch (error) {
    throw usageError(
      'CONFIG_MALFORMED',
      `Config file ${full} is not valid ${/\.ya?ml$/i.test(full) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
      ['Fix the syntax, or pass another file with --config.'],
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw usageError(
      'CONFIG_MALFORMED',
      `Config file ${full} must hold an object of settings, not ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}.`,
    );
  }
  const values: Partial<Record<SettingKey, string>> = {};
  let options: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'options') {
      options = readOptions(full, value);
      continue;
    }
    if (!(SETTING_KEYS as readonly string[]).includes(key)) {
      throw usageError(
        'CONFIG_UNKNOWN_KEY',
        `Config file ${full} has an unknown key "${key}". Accepted keys: ${listOf(ACCEPTED_KEYS)}.`,
      );
    }
    if (typeof value !== 'string' || value.trim() === '') {
      throw usageError(
        'CONFIG_BAD_VALUE',
        `Config file ${full}: "${key}" must be a non-empty string, not ${JSON.stringify(value)}.`,
      );
    }
    values[key as SettingKey] = value;
  }
  return { path: full, values, options };
}

function readOptions(file: string, value: unknown): Record<string, OptionValue> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw usageError(
      'CONFIG_BAD_VALUE',
      `Config file ${file}: "options" must be an object of key: value pairs.`,
    );
  }
  const out: Record<string, OptionValue> = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      throw usageError(
        'CONFIG_BAD_VALUE',
        `Config file ${file}: option "${key}" must be a string, number or boolean, not ${JSON.stringify(v)}.`,
      );
    }
    out[key] = v;
  }
  return out;
}
