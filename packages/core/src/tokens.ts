/**
 * Injection tokens of core's container. `Symbol.for` so a token is the same value in every copy of
 * a module (DESIGN.md §2: the sdk and core may be loaded twice).
 */
export const TOKENS = {
  Registry: Symbol.for('mcc.core.Registry'),
  Catalog: Symbol.for('mcc.core.Catalog'),
  Logger: Symbol.for('mcc.core.Logger'),
  Prompter: Symbol.for('mcc.core.Prompter'),
  Generator: Symbol.for('mcc.core.Generator'),
} as const;
