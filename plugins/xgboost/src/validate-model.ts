import { open } from 'node:fs/promises';
import { basename } from 'node:path';

import { describeModelBytes } from './model-bytes.js';
import type { FileEnds, ModelBytes } from './model-bytes.js';

/** Enough for every signature describeModelBytes looks for; large models are never read whole. */
const HEAD_BYTES = 4096;
const TAIL_BYTES = 64;

/** What each format's file is, for "expected …" in messages. */
const EXPECTED: Record<string, string> = {
  json: 'an XGBoost model saved as JSON (text starting {"learner": ...), as booster.save_model("model.json") writes',
  ubj: 'an XGBoost model saved as UBJSON (binary starting "{L" then the key "learner"), as booster.save_model("model.ubj") writes',
  model:
    'an XGBoost model in the legacy binary format ("binf", then the objective and booster names), as xgboost before 2.1 wrote for save_model("model.model")',
};

const SEEN: Record<ModelBytes['kind'], string> = {
  json: 'an XGBoost model saved as JSON',
  ubj: 'an XGBoost model saved as UBJSON',
  model: 'an XGBoost model in the legacy binary format',
  empty: 'an empty file',
  'json-other': 'JSON that is not an XGBoost model',
  pickle: 'a Python pickle',
  zip: 'a zip archive (a PyTorch or Keras file?)',
  gzip: 'a gzip archive (a model.tar.gz? extract the model file from it)',
  text: 'text that is not JSON',
  binary: 'binary data of no XGBoost format',
};

async function readEnds(path: string): Promise<FileEnds> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await file.read(head, 0, head.length, 0);
    if (size <= HEAD_BYTES) return { head, tail: head, size };
    const tail = Buffer.alloc(TAIL_BYTES);
    await file.read(tail, 0, TAIL_BYTES, size - TAIL_BYTES);
    return { head, tail, size };
  } finally {
    await file.close();
  }
}

function seen(bytes: ModelBytes): string {
  const what = SEEN[bytes.kind];
  return bytes.detail ? `${what} (${bytes.detail})` : what;
}

function remedy(bytes: ModelBytes): string {
  if (bytes.kind === 'json' || bytes.kind === 'ubj' || bytes.kind === 'model') {
    // xgboost 2.1+ writes UBJSON whatever the extension (except .json), hence `.model` files holding UBJSON.
    return ` Pass --model-format ${bytes.kind} for it.`;
  }
  if (bytes.kind === 'pickle') {
    return ' Load it in Python and save the Booster with booster.save_model("model.ubj") (or model.get_booster().save_model(...) for an XGBRegressor/XGBClassifier).';
  }
  return '';
}

/**
 * Checks that a model file's contents match the xgboost format it was given as. Reads at most a
 * few KB. Resolves with a message naming the file, what it looks like and what was expected, or
 * with undefined when it looks right.
 */
export async function validateModel(path: string, format: string): Promise<string | undefined> {
  const expected = EXPECTED[format];
  if (expected === undefined) return `${basename(path)}: xgboost has no model format "${format}".`;
  let ends: FileEnds;
  try {
    ends = await readEnds(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return `Cannot read the model file ${path} (${reason}); expected ${expected}.`;
  }
  const bytes = describeModelBytes(ends);
  if (bytes.kind === format) {
    if (!bytes.truncated) return undefined;
    return `Model file ${path} is ${SEEN[bytes.kind]} but ends early (${ends.size} bytes): it looks truncated. Copy or download it again.`;
  }
  return `Model file ${path} looks like ${seen(bytes)}, but format "${format}" expects ${expected}.${remedy(bytes)}`;
}
