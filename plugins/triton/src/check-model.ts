import { open, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

const HEAD_BYTES = 4096;
const TAIL_BYTES = 64 * 1024;

interface Ends {
  head: Buffer;
  tail: Buffer;
  size: number;
}

async function readEnds(path: string): Promise<Ends> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await file.read(head, 0, head.length, 0);
    const tailLength = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    return { head, tail, size };
  } finally {
    await file.close();
  }
}

const ZIP = Buffer.from('PK\x03\x04', 'latin1');

/** What each format's file must be, for "expected …" in messages. */
const EXPECTED: Readonly<Record<string, string>> = {
  'xgboost-json': 'an XGBoost model saved as JSON (text starting {"learner": …)',
  'xgboost-ubj': 'an XGBoost model saved as UBJSON (binary starting "{" with a "learner" key)',
  'xgboost-binary': 'an XGBoost model in the legacy binary format',
  lightgbm: 'a LightGBM model saved as text (starting "tree" then "version=")',
  treelite: 'a Treelite checkpoint (binary)',
  onnx: 'an ONNX model (a protobuf ModelProto starting with its ir_version)',
  torchscript: 'a TorchScript archive (torch.jit.save: a zip holding constants.pkl and code/)',
  sklearn: 'a scikit-learn estimator saved with joblib.dump or pickle',
};

function fileProblem(format: string, ends: Ends): string | undefined {
  const { head, tail } = ends;
  const text = head.toString('utf8').trimStart();
  switch (format) {
    case 'xgboost-json':
      return text.startsWith('{') && text.includes('"learner"') ? undefined : 'it is not XGBoost JSON';
    case 'xgboost-ubj':
      return head[0] === 0x7b && head.includes(Buffer.from('learner')) && !text.startsWith('{"')
        ? undefined
        : 'it is not XGBoost UBJSON';
    case 'xgboost-binary':
      return text.startsWith('{') || head.subarray(0, 4).equals(ZIP)
        ? 'it is JSON or a zip archive'
        : undefined;
    case 'lightgbm':
      return text.startsWith('tree') && text.includes('version=')
        ? undefined
        : 'it is not LightGBM model text';
    case 'onnx':
      // Every ONNX writer serialises ModelProto field 1 (ir_version, a varint) first: tag byte 0x08.
      return head[0] === 0x08 ? undefined : 'it is not an ONNX protobuf';
    case 'torchscript':
      if (!head.subarray(0, 4).equals(ZIP)) return 'it is not a zip archive';
      // torch.save of a state_dict is a zip too, but only TorchScript archives hold constants.pkl.
      return tail.includes(Buffer.from('constants.pkl'))
        ? undefined
        : 'it is a torch.save checkpoint, not TorchScript (save it with torch.jit.script(model).save(path))';
    case 'sklearn':
      // A pickle (protocol 2-5) or a joblib file compressed with zlib or gzip.
      return head[0] === 0x80 || head[0] === 0x78 || (head[0] === 0x1f && head[1] === 0x8b)
        ? undefined
        : 'it is not a pickle or joblib file';
    default:
      return undefined;
  }
}

async function savedModelProblem(path: string): Promise<string | undefined> {
  const entries = await readdir(path);
  if (entries.includes('saved_model.pb') || entries.includes('saved_model.pbtxt')) return undefined;
  return `SavedModel directory ${path} holds no saved_model.pb; the tensorflow backend expects a directory as tf.saved_model.save writes it (saved_model.pb and variables/). It holds: ${entries.slice(0, 8).join(', ') || 'nothing'}.`;
}

/**
 * Checks a user's model file (or SavedModel directory) against the format core matched it to, by
 * its first and last bytes or its entries. Resolves with a message naming the file, what it looks
 * like and what the backend expects, or undefined when it fits.
 */
export async function checkModel(path: string, format: string): Promise<string | undefined> {
  try {
    if (format === 'savedmodel') return await savedModelProblem(path);
    if ((await stat(path)).isDirectory()) return undefined;
    const ends = await readEnds(path);
    if (ends.size === 0) return `Model file ${path} is empty; expected ${EXPECTED[format] ?? format}.`;
    const problem = fileProblem(format, ends);
    return problem === undefined
      ? undefined
      : `Model file ${basename(path)} does not fit format ${format}: ${problem}. Triton expects ${EXPECTED[format] ?? format} (${path}).`;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return `Cannot read model ${join(path)} (${reason}); expected ${EXPECTED[format] ?? format}.`;
  }
}
