import { join, resolve } from 'node:path';

import { usageError } from '@mcc/sdk';
import type { OptionValue } from '@mcc/sdk';

import { pathExists } from '../project/write-project.js';
import { DEFAULT_CONFIG_NAMES, readConfigFile } from './config-file.js';
import { OPTION_ENV_PREFIX, SETTINGS, SETTING_KEYS } from './settings.js';
import type { ResolvedValue, SettingKey, SettingSource } from './settings.js';

/** One source of values: flags, the environment, a config file or the user's config. */
export interface Layer {
  source: SettingSource;
  values: Partial<Record<SettingKey, { value: string; origin: string }>>;
  options: Record<string, { value: OptionValue; origin: string }>;
}

export interface LayerInputs {
  cwd: string;
  flags: Partial<Record<SettingKey, string>>;
  /** Raw `--option key=value` strings, in order. */
  optionFlags: readonly string[];
  /** `--config`. */
  configPath?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** oclif's config dir for the user's own defaults (`config.json` in it). */
  userConfigDir?: string;
}

function flagLayer(inputs: LayerInputs): Layer {
  const values: Layer['values'] = {};
  for (const key of SETTING_KEYS) {
    const value = inputs.flags[key];
    if (value !== undefined) values[key] = { value, origin: SETTINGS[key].flag };
  }
  const options: Layer['options'] = {};
  for (const raw of inputs.optionFlags) {
    const eq = raw.indexOf('=');
    if (eq <= 0) {
      throw usageError(
        'OPTION_MALFORMED',
        `--option "${raw}" is not of the form key=value (e.g. --option workers=4).`,
      );
    }
    options[raw.slice(0, eq).trim()] = { value: raw.slice(eq + 1), origin: `--option ${raw}` };
  }
  return { source: 'flag', values, options };
}

function envLayer(env: LayerInputs['env']): Layer {
  const values: Layer['values'] = {};
  for (const key of SETTING_KEYS) {
    const name = SETTINGS[key].env.find((candidate) => (env[candidate] ?? '').trim() !== '');
    if (name) values[key] = { value: env[name]!.trim(), origin: name };
  }
  const options: Layer['options'] = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(OPTION_ENV_PREFIX) || value === undefined) continue;
    const key = name.slice(OPTION_ENV_PREFIX.length).toLowerCase().replaceAll('_', '-');
    if (key) options[key] = { value, origin: name };
  }
  return { source: 'env', values, options };
}

async function fileLayer(path: string, required: boolean, source: SettingSource): Promise<Layer | undefined> {
  const file = await readConfigFile(path, required);
  if (!file) return undefined;
  const values: Layer['values'] = {};
  for (const [key, value] of Object.entries(file.values))
    values[key as SettingKey] = { value, origin: file.path };
  const options: Layer['options'] = {};
  for (const [key, value] of Object.entries(file.options)) options[key] = { value, origin: file.path };
  return { source, values, options };
}

/** The layers in precedence order: flags, environment, config file, user config. */
export async function loadLayers(inputs: LayerInputs): Promise<Layer[]> {
  const layers: Layer[] = [flagLayer(inputs), envLayer(inputs.env)];
  const configPath = inputs.configPath ?? inputs.env.MCC_CONFIG;
  if (configPath) {
    layers.push((await fileLayer(resolve(inputs.cwd, configPath), true, 'config'))!);
  } else {
    for (const name of DEFAULT_CONFIG_NAMES) {
      const path = join(inputs.cwd, name);
      if (await pathExists(path)) {
        layers.push((await fileLayer(path, true, 'config'))!);
        break;
      }
    }
  }
  if (inputs.userConfigDir) {
    const user = await fileLayer(join(inputs.userConfigDir, 'config.json'), false, 'user-config');
    if (user) layers.push(user);
  }
  return layers;
}

/** The highest-precedence value of a setting with where it came from. */
export function pickSetting(layers: readonly Layer[], key: SettingKey): ResolvedValue | undefined {
  for (const layer of layers) {
    const hit = layer.values[key];
    if (hit) return { value: hit.value, source: layer.source, origin: hit.origin };
  }
  return undefined;
}

/** Every option key set anywhere, resolved to its highest-precedence value. */
export function pickOptions(layers: readonly Layer[]): Map<string, ResolvedValue<OptionValue>> {
  const out = new Map<string, ResolvedValue<OptionValue>>();
  for (const layer of [...layers].reverse()) {
    for (const [key, hit] of Object.entries(layer.options)) {
      out.set(key, { value: hit.value, source: layer.source, origin: hit.origin });
    }
  }
  return out;
}
