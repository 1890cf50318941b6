import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { zipEntryNames } from './zip-entries.js';

/** What a model path looks like to the tensorflow server. */
export type ModelKind =
  | 'keras'
  | 'zip'
  | 'hdf5'
  | 'savedmodel'
  | 'savedmodel-incomplete'
  | 'saved-model-file'
  | 'directory'
  | 'empty'
  | 'pickle'
  | 'gzip'
  | 'text'
  | 'binary';

export interface ModelDescription {
  kind: ModelKind;
  /** A fact worth quoting in a message, e.g. what a SavedModel directory lacks. */
  detail?: string;
}

const HDF5_SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
/** HDF5 puts its signature at 0 or after a user block of 512, 1024, 2048 … bytes. */
const HDF5_OFFSETS = [0, 512, 1024, 2048];
const ZIP_SIGNATURE = Buffer.from('PK\x03\x04', 'latin1');
const HEAD_BYTES = 2056;
const SAVED_MODEL_FILES = ['saved_model.pb', 'saved_model.pbtxt'];

async function head(path: string): Promise<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function isHdf5(bytes: Buffer): boolean {
  return HDF5_OFFSETS.some((at) => bytes.subarray(at, at + 8).equals(HDF5_SIGNATURE));
}

function isText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 512);
  return sample.every((byte) => byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);
}

async function describeZip(path: string): Promise<ModelDescription> {
  const names = await zipEntryNames(path);
  if (names === undefined) return { kind: 'zip', detail: 'no readable list of entries: truncated?' };
  if (names.includes('config.json')) return { kind: 'keras' };
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  return { kind: 'zip', detail: names.length ? `no config.json; it holds ${shown}` : 'empty' };
}

async function describeDirectory(path: string): Promise<ModelDescription> {
  const entries = await readdir(path, { withFileTypes: true });
  const graph = entries.find((entry) => entry.isFile() && SAVED_MODEL_FILES.includes(entry.name));
  const variables = entries.some((entry) => entry.isDirectory() && entry.name === 'variables');
  if (graph && variables) return { kind: 'savedmodel' };
  if (graph) return { kind: 'savedmodel-incomplete', detail: `${graph.name} but no variables/ folder` };
  if (variables) return { kind: 'savedmodel-incomplete', detail: 'variables/ but no saved_model.pb' };
  // TF Serving's layout: the SavedModel sits in a numbered version folder.
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const inner = await readdir(join(path, entry.name)).catch(() => []);
    if (inner.some((name) => SAVED_MODEL_FILES.includes(name))) {
      return { kind: 'directory', detail: `a SavedModel in its sub-folder ${entry.name}/; pass that folder` };
    }
  }
  return { kind: 'directory', detail: entries.length ? 'no saved_model.pb' : 'empty' };
}

/** Classifies a model path by its contents (a directory by its entries). Reads a few KB at most. */
export async function describeModelFile(path: string): Promise<ModelDescription> {
  const info = await stat(path);
  if (info.isDirectory()) return describeDirectory(path);
  if (info.size === 0) return { kind: 'empty' };
  if (SAVED_MODEL_FILES.includes(basename(path))) return { kind: 'saved-model-file' };
  const bytes = await head(path);
  if (isHdf5(bytes)) return { kind: 'hdf5' };
  if (bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) return describeZip(path);
  if (bytes[0] === 0x80 && (bytes[1] ?? 0) >= 2 && (bytes[1] ?? 0) <= 5) return { kind: 'pickle' };
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return { kind: 'gzip' };
  return isText(bytes) ? { kind: 'text' } : { kind: 'binary' };
}
