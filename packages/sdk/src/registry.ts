import type { ExtensionPointId, ExtensionPoints } from './points.js';

/**
 * A lazy contribution. `load` runs only when a command needs the implementation, so listing and
 * help never import a plugin's code beyond its hook module.
 */
export interface Descriptor<P extends ExtensionPointId> {
  /** Unique within the extension point, lower-case kebab-case: `sklearn`, `managed-inference`. */
  id: string;
  /** One line shown by `mcc list` and in prompts. */
  summary: string;
  load: () => Promise<ExtensionPoints[P]>;
}

/** What a plugin's `mcc:register` hook receives to contribute through. */
export interface Registry {
  add<P extends ExtensionPointId>(point: P, descriptor: Descriptor<P>): void;
}

/** Options passed to a plugin's `mcc:register` hook. */
export interface RegisterHookOptions {
  registry: Registry;
}

/** The `mcc:register` hook a plugin declares in its package.json `oclif.hooks`. */
export type RegisterHook = (options: RegisterHookOptions) => void | Promise<void>;

/** The custom oclif hook event plugins declare. */
export const REGISTER_HOOK_EVENT = 'mcc:register';

/** Types a plugin's `mcc:register` hook; the function is returned unchanged. */
export function defineRegisterHook(hook: RegisterHook): RegisterHook {
  return hook;
}
