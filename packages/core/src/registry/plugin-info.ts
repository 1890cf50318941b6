/** Where a contribution comes from, as `mcc list` shows it. */
export interface PluginInfo {
  name: string;
  version: string;
  /** oclif's plugin type: `core` (shipped with the CLI), `user` (installed), `link` (linked). */
  type: string;
}

/** The structural view of an oclif plugin that firing the register hook needs. */
export interface HookHost extends PluginInfo {
  root: string;
  hooks: Readonly<Record<string, readonly { target: string; identifier: string }[]>>;
  /**
   * The `@mcc/sdk` range the plugin's package.json declares (peerDependencies, else
   * dependencies); undefined when it declares none.
   */
  sdkRange?: string;
}
