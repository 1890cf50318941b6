import type { OptionValue, ProjectInstance, Recommendation } from '@mcc/sdk';

import type { ResolvedValue, SettingKey } from '../config/settings.js';

/** What the CLI passes to `Generator.generate`. */
export interface GenerateRequest {
  cwd: string;
  /** Only the settings the user gave as flags or the NAME argument. */
  flags: Partial<Record<SettingKey, string>>;
  optionFlags: readonly string[];
  configPath?: string;
  env: Readonly<Record<string, string | undefined>>;
  userConfigDir?: string;
  force: boolean;
  offline: boolean;
  /** Ask for what is missing; false with `--yes` or without a terminal. */
  interactive: boolean;
  generator: { name: string; version: string };
}

/** What `mcc generate --json` reports. */
export interface GenerateResult {
  projectDir: string;
  files: string[];
  settings: Partial<Record<SettingKey, ResolvedValue>>;
  options: Record<string, Record<string, ResolvedValue<OptionValue>>>;
  instance: ProjectInstance;
  recommendations: Recommendation[];
  plugins: Record<string, { id: string; plugin: string; version: string }>;
}
