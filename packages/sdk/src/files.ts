/**
 * A template file a plugin emits only under a condition, or under another name. Every template that
 * is not listed here is always emitted; every path listed must exist in the templates folder (the
 * conformance checks verify it).
 */
export interface FileRule<C> {
  /** Path in the templates folder without the `.ejs` suffix, e.g. `code/app_flask.py`. */
  template: string;
  /** Path in the generated project when different from `template`, e.g. `code/app.py`. */
  output?: string;
  /**
   * Emit only when this returns true. Declared as a method so a `Server<MyContext>` is still a
   * `Server` (method parameters are checked bivariantly).
   */
  when?(context: C): boolean;
}
