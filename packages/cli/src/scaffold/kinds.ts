import { listOf, usageError } from '@mcc/sdk';

/** The extension points a scaffold can implement, each with the module and export it writes. */
export const PLUGIN_KINDS = ['server', 'target', 'model-source', 'sizer'] as const;
export type PluginKind = (typeof PLUGIN_KINDS)[number];

export interface KindNaming {
  /** `src/<module>.ts` */
  module: string;
  /** The exported contribution: `onnxServer`. */
  exportName: string;
  /** `Onnx`, for the context type. */
  pascal: string;
}

function words(id: string): string[] {
  return id.split('-').filter((w) => w !== '');
}

const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** Identifiers the kind's code uses, derived from the id so that they read as the author's own. */
export function kindNaming(kind: PluginKind, id: string): KindNaming {
  const pascal = words(id).map(capital).join('');
  const suffix = words(kind).map(capital).join('');
  const camel = pascal.charAt(0).toLowerCase() + pascal.slice(1);
  // An id starting with a digit would make an invalid identifier; ids start with a letter.
  return { module: kind, exportName: `${camel}${suffix}`, pascal };
}

export function parseKind(kind: string): PluginKind {
  if ((PLUGIN_KINDS as readonly string[]).includes(kind)) return kind as PluginKind;
  throw usageError(
    'PLUGIN_KIND_INVALID',
    `There is no plugin kind "${kind}"; mcc has ${listOf([...PLUGIN_KINDS])}.`,
    ['Pass --kind server, for example.'],
  );
}
