import type { OptionValue, ProjectInstance, Recommendation } from '@mcc/sdk';

import type { LayerInputs } from '../config/layers.js';
import type { ResolvedValue, SettingKey } from '../config/settings.js';

/** What the CLI passes to `Generator.generate`: the configuration layers' inputs, and how to run. */
export interface GenerateRequest extends LayerInputs {
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
