import { describeModelFile } from './model-kind.js';
import type { ModelDescription, ModelKind } from './model-kind.js';

/** The kind each format must be. */
const WANTED: Record<string, ModelKind> = { keras: 'keras', h5: 'hdf5', savedmodel: 'savedmodel' };

/** What each format is, for "expected …" in messages. */
const EXPECTED: Record<string, string> = {
  keras:
    'a Keras 3 model file (a zip archive holding config.json and model.weights.h5), as model.save("model.keras") writes',
  h5: 'a Keras model in HDF5 (a file starting with the HDF5 signature 89 48 44 46 0d 0a 1a 0a), as model.save("model.h5") writes',
  savedmodel:
    'a SavedModel directory holding saved_model.pb (or saved_model.pbtxt) and a variables/ folder, as tf.saved_model.save(model, path) or model.export(path) writes',
};

const SEEN: Record<ModelKind, string> = {
  keras: 'a Keras 3 model file',
  zip: 'a zip archive that is not a Keras 3 model',
  hdf5: 'an HDF5 file (a legacy Keras .h5 model?)',
  savedmodel: 'a SavedModel directory',
  'savedmodel-incomplete': 'an incomplete SavedModel directory',
  'saved-model-file': "a SavedModel's graph file alone",
  directory: 'a directory that is not a SavedModel',
  empty: 'an empty file',
  pickle: 'a Python pickle',
  gzip: 'a gzip archive (a model.tar.gz? extract it first)',
  text: 'a text file',
  binary: 'binary data of no TensorFlow format',
};

/** The format to pass instead, when the path is a model of another format. */
const FORMAT_OF: Partial<Record<ModelKind, string>> = {
  keras: 'keras',
  hdf5: 'h5',
  savedmodel: 'savedmodel',
};

function seen(description: ModelDescription): string {
  const what = SEEN[description.kind];
  return description.detail ? `${what} (${description.detail})` : what;
}

function remedy(description: ModelDescription): string {
  const format = FORMAT_OF[description.kind];
  if (format) return ` Pass --model-format ${format} for it.`;
  if (description.kind === 'saved-model-file')
    return ' Pass the directory that holds it and its variables/ folder.';
  if (description.kind === 'pickle') return ' Load it in Python and save it with model.save("model.keras").';
  return '';
}

/**
 * Checks that a model path's contents match the tensorflow format it was given as: a `.keras` zip
 * with config.json, an HDF5 file, or a SavedModel directory. Resolves with a message naming the
 * path, what it looks like and what was expected, or with undefined when it looks right.
 */
export async function validateModel(path: string, format: string): Promise<string | undefined> {
  const wanted = WANTED[format];
  const expected = EXPECTED[format];
  if (wanted === undefined || expected === undefined) {
    return `${path}: tensorflow has no model format "${format}".`;
  }
  let description: ModelDescription;
  try {
    description = await describeModelFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    return `Cannot read the model ${path} (${reason}); expected ${expected}.`;
  }
  if (description.kind === wanted) return undefined;
  return `Model ${path} looks like ${seen(description)}, but format "${format}" expects ${expected}.${remedy(description)}`;
}
