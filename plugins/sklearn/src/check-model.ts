import { open } from 'node:fs/promises';

/** What the first bytes of a file say it is; enough to tell a pickle from the usual mix-ups. */
function describe(head: Buffer): { kind: string; words: string } {
  const text = head.toString('latin1');
  if (head[0] === 0x80 && head[1] !== undefined && head[1] >= 2 && head[1] <= 5)
    return { kind: 'pickle', words: 'a Python pickle' };
  if (text.startsWith('PK\u0003\u0004'))
    return { kind: 'zip', words: 'a zip archive (a .keras model, or a compressed folder)' };
  if (text.startsWith('\u0089HDF\r\n\u001a\n'))
    return { kind: 'hdf5', words: 'an HDF5 file (a Keras .h5 model)' };
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip', words: 'gzip-compressed data' };
  if (head[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(head[1] ?? -1))
    return { kind: 'zlib', words: 'zlib-compressed data' };
  if (text.startsWith('BZh')) return { kind: 'bz2', words: 'bzip2-compressed data' };
  if (text.startsWith('\u00fd7zXZ\u0000')) return { kind: 'xz', words: 'xz-compressed data' };
  if (text.startsWith('\u0004\u0022\u004d\u0018')) return { kind: 'lz4', words: 'lz4-compressed data' };
  if (text.startsWith('ONNX') || head.subarray(0, 16).includes(Buffer.from('onnx')))
    return { kind: 'onnx', words: 'an ONNX model' };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('['))
    return { kind: 'json', words: 'JSON (an XGBoost or other text model?)' };
  return { kind: 'unknown', words: 'something else' };
}

/** Compression joblib.dump(compress=…) may write; a plain .pkl is never compressed. */
const JOBLIB_COMPRESSED = new Set(['gzip', 'zlib', 'bz2', 'xz', 'lz4']);
/** Recognisably not a pickle: the mix-ups worth refusing before a 10-minute image build. */
const NOT_A_PICKLE = new Set(['zip', 'hdf5', 'onnx', 'json']);

/**
 * Checks a user's scikit-learn model by its first bytes: pickles (and joblib's compressed dumps)
 * pass; a zip, HDF5, ONNX or JSON file named .pkl/.joblib is refused naming what it looks like.
 * Protocol 0/1 pickles have no magic number, so an unrecognised file is let through.
 */
export async function checkSklearnModel(path: string, format: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(64);
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const found = describe(head);
  const expected = format === 'joblib' ? 'a joblib dump (a pickle, possibly compressed)' : 'a Python pickle';
  if (NOT_A_PICKLE.has(found.kind) || (format === 'pkl' && JOBLIB_COMPRESSED.has(found.kind))) {
    const hint = JOBLIB_COMPRESSED.has(found.kind)
      ? ' Compressed dumps are read as joblib: pass --model-format joblib.'
      : '';
    return `Model file ${path} looks like ${found.words}, but format "${format}" expects ${expected}.${hint}`;
  }
  return undefined;
}
