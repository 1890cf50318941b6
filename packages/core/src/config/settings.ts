/** The settings `mcc generate` resolves, with where each can be given. */
export const SETTING_KEYS = [
  'name',
  'server',
  'modelSource',
  'model',
  'modelFormat',
  'http',
  'target',
  'instanceType',
  'region',
  'outputDir',
  'baseImage',
] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

export interface SettingDefinition {
  /** How a user names it on the command line. */
  flag: string;
  /** Environment variables, highest precedence first. */
  env: readonly string[];
}

export const SETTINGS: Readonly<Record<SettingKey, SettingDefinition>> = {
  name: { flag: 'NAME', env: ['MCC_NAME'] },
  server: { flag: '--server', env: ['MCC_SERVER'] },
  modelSource: { flag: '--model-source', env: ['MCC_MODEL_SOURCE'] },
  model: { flag: '--model', env: ['MCC_MODEL'] },
  modelFormat: { flag: '--model-format', env: ['MCC_MODEL_FORMAT'] },
  http: { flag: '--http', env: ['MCC_HTTP'] },
  target: { flag: '--target', env: ['MCC_TARGET'] },
  instanceType: { flag: '--instance-type', env: ['MCC_INSTANCE_TYPE'] },
  // The ecosystem's own variables count too, after mcc's (DESIGN.md §3).
  region: { flag: '--region', env: ['MCC_REGION', 'AWS_REGION', 'AWS_DEFAULT_REGION'] },
  outputDir: { flag: '--output-dir', env: ['MCC_OUTPUT_DIR'] },
  baseImage: { flag: '--base-image', env: ['MCC_BASE_IMAGE'] },
};

/** Where a resolved value came from, highest precedence first. */
export type SettingSource =
  'flag' | 'env' | 'config' | 'user-config' | 'default' | 'sizer' | 'prompt' | 'derived';

export interface Provenance {
  source: SettingSource;
  /** The flag, variable or file that supplied it, e.g. `MCC_SERVER` or a config file path. */
  origin?: string;
}

export interface ResolvedValue<T = string> extends Provenance {
  value: T;
}

/** Environment variables that set plugin options: `MCC_OPTION_WORKERS=4` is `--option workers=4`. */
export const OPTION_ENV_PREFIX = 'MCC_OPTION_';
