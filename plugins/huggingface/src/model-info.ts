/**
 * Reading the Hub API's model info (`GET /api/models/{id}?blobs=true`): only the fields mcc uses, each
 * checked for its type, since a mirror or an older Hub may leave any of them out.
 */

/** One file of the repository: `rfilename`, and its size when the API was asked for blobs. */
export interface RepoFile {
  name: string;
  size?: number;
}

/** What mcc takes from the model info. */
export interface ModelInfo {
  /** The id as the Hub spells it (it is case-insensitive and follows renames). */
  id?: string;
  /** `sha`: the commit the revision asked about points to (40 hex digits). */
  commit?: string;
  /** `gated` is `false`, `"auto"` or `"manual"`; a private model needs a token too. */
  needsToken: boolean;
  /** Files of the revision; undefined when the API did not list them. */
  files?: RepoFile[];
  /** `safetensors.parameters`: parameter counts by dtype. */
  safetensorsParameters?: Record<string, number>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function readFiles(siblings: unknown): RepoFile[] | undefined {
  if (!Array.isArray(siblings)) return undefined;
  const files: RepoFile[] = [];
  for (const sibling of siblings) {
    if (!isRecord(sibling) || typeof sibling.rfilename !== 'string') continue;
    // An LFS file's `size` is its real size; `lfs.size` says the same and is there on older answers.
    const lfsSize = isRecord(sibling.lfs) ? sibling.lfs.size : undefined;
    const size = isCount(sibling.size) ? sibling.size : isCount(lfsSize) ? lfsSize : undefined;
    files.push(size === undefined ? { name: sibling.rfilename } : { name: sibling.rfilename, size });
  }
  return files;
}

function readParameters(safetensors: unknown): Record<string, number> | undefined {
  if (!isRecord(safetensors) || !isRecord(safetensors.parameters)) return undefined;
  const counts = Object.entries(safetensors.parameters).filter((entry): entry is [string, number] =>
    isCount(entry[1]),
  );
  return counts.length > 0 ? Object.fromEntries(counts) : undefined;
}

/** The fields mcc uses from the API's answer. */
export function readModelInfo(body: unknown): ModelInfo {
  const info = isRecord(body) ? body : {};
  const gated = info.gated;
  return {
    id: typeof info.id === 'string' ? info.id : undefined,
    commit: typeof info.sha === 'string' && /^[0-9a-f]{40}$/.test(info.sha) ? info.sha : undefined,
    needsToken: (gated !== undefined && gated !== false && gated !== 'false') || info.private === true,
    files: readFiles(info.siblings),
    safetensorsParameters: readParameters(info.safetensors),
  };
}

/** Bytes per parameter of the safetensors dtypes (sub-byte and unknown dtypes are left out). */
const DTYPE_BYTES: Readonly<Record<string, number>> = {
  F64: 8,
  I64: 8,
  U64: 8,
  F32: 4,
  I32: 4,
  U32: 4,
  F16: 2,
  BF16: 2,
  I16: 2,
  U16: 2,
  F8_E4M3: 1,
  F8_E5M2: 1,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

// The weights transformers (and so vLLM, SGLang …) load, in the order it looks for them.
const WEIGHT_LAYOUTS: readonly RegExp[] = [
  /^model(?:-\d{5}-of-\d{5})?\.safetensors$/,
  /^[^/]+\.safetensors$/,
  /^pytorch_model(?:-\d{5}-of-\d{5})?\.bin$/,
];

/**
 * Bytes of the weights a server downloads: the sizes of the first weight layout the repository has
 * (sharded or single `model*.safetensors`, other top-level safetensors, `pytorch_model*.bin`), so a
 * repository holding the same weights twice (safetensors and .bin, or a `consolidated` copy) counts
 * them once. Without file sizes, parameters by dtype times the dtype's width; otherwise unknown.
 */
export function weightBytes(info: ModelInfo): number | undefined {
  for (const layout of WEIGHT_LAYOUTS) {
    const weights = (info.files ?? []).filter((f) => layout.test(f.name));
    if (weights.length === 0) continue;
    if (weights.some((f) => f.size === undefined)) break;
    return weights.reduce((sum, f) => sum + (f.size ?? 0), 0);
  }
  const parameters = Object.entries(info.safetensorsParameters ?? {});
  if (parameters.length === 0 || parameters.some(([dtype]) => DTYPE_BYTES[dtype] === undefined))
    return undefined;
  return parameters.reduce((sum, [dtype, count]) => sum + count * DTYPE_BYTES[dtype]!, 0);
}

/** Whether `tokenizer_config.json`'s `chat_template` holds a template (a string, or a list of named ones). */
export function hasChatTemplate(tokenizerConfig: unknown): boolean {
  if (!isRecord(tokenizerConfig)) return false;
  const template = tokenizerConfig.chat_template;
  return (
    (typeof template === 'string' && template.trim() !== '') ||
    (Array.isArray(template) && template.length > 0)
  );
}

/** Newer repositories keep the template beside the tokenizer config, in its own file. */
export const CHAT_TEMPLATE_FILES: readonly string[] = ['chat_template.jinja', 'chat_template.json'];
