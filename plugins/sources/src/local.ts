import { promises as fsp, type Stats } from 'node:fs';
import { isAbsolute } from 'node:path';
import { McError, defineModelSource, usageError, type ResolvedModel } from '@mcc/sdk';
import { UnreadableEntryError, directorySize, fsReason } from './directory-size.js';
import { expandPath } from './expand-path.js';

const SAMPLE_HINT = 'Or choose the sample model source to start from the built-in sample model.';

/** `"models/m.joblib" (/srv/p/models/m.joblib)`: the path as typed and, when it differs, as resolved. */
function named(typed: string, resolved: string): string {
  return typed === resolved ? `"${typed}"` : `"${typed}" (${resolved})`;
}

function unreadable(typed: string, resolved: string, reason: string, entry?: string): McError {
  const where = entry && entry !== resolved ? `: ${entry} inside it is ${reason}` : `: ${reason}`;
  return new McError(`Model ${named(typed, resolved)} cannot be read${where}.`, {
    code: 'MODEL_UNREADABLE',
    // Not a mistyped value but the file system's state: fixing permissions, not the command, helps.
    exitCode: 1,
    suggestions: ['mcc copies the model into the project, so it must be able to read every file of it.'],
  });
}

async function statModel(typed: string, resolved: string, cwd: string): Promise<Stats> {
  try {
    return await fsp.stat(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const relative = !isAbsolute(typed) && !typed.startsWith('~');
      throw usageError(
        'MODEL_NOT_FOUND',
        `Model ${named(typed, resolved)} was not found: no file or directory exists there.`,
        [
          relative
            ? `Relative paths are taken from ${cwd}; check the path or give an absolute one.`
            : 'Check the path.',
          SAMPLE_HINT,
        ],
      );
    }
    throw unreadable(typed, resolved, fsReason(error));
  }
}

async function fileSize(typed: string, resolved: string, stat: Stats): Promise<number> {
  try {
    // Opening is the only check that holds for every reader (access() trusts mode bits alone).
    await (await fsp.open(resolved, 'r')).close();
  } catch (error) {
    throw unreadable(typed, resolved, fsReason(error));
  }
  return stat.size;
}

async function treeSize(typed: string, resolved: string): Promise<number> {
  try {
    return await directorySize(resolved);
  } catch (error) {
    if (error instanceof UnreadableEntryError) throw unreadable(typed, resolved, error.reason, error.path);
    throw unreadable(typed, resolved, fsReason(error));
  }
}

export const localSource = defineModelSource({
  id: 'local',
  summary: 'A model file or directory on this machine, copied into the project',
  needsLocation: true,
  locationHint: 'Path to the model file (or SavedModel directory)',
  async resolve({ location, cwd }): Promise<ResolvedModel> {
    if (location === undefined || location === '') {
      throw usageError(
        'MODEL_LOCATION_REQUIRED',
        'The local model source needs the path of a model file or directory, and none was given.',
        ['Pass --model PATH, e.g. --model ./model.joblib.', SAMPLE_HINT],
      );
    }
    const resolved = expandPath(location, cwd);
    const stat = await statModel(location, resolved, cwd);
    // Whether a directory suits the server's format is core's call (a SavedModel is one); not here.
    const isDirectory = stat.isDirectory();
    if (!isDirectory && !stat.isFile()) {
      throw unreadable(location, resolved, 'neither a file nor a directory (a device, socket or pipe)');
    }
    const sizeBytes = isDirectory
      ? await treeSize(location, resolved)
      : await fileSize(location, resolved, stat);
    if (sizeBytes === 0) {
      throw usageError(
        'MODEL_EMPTY',
        isDirectory
          ? `Model ${named(location, resolved)} is a directory without any data: it holds no file, or only empty ones.`
          : `Model ${named(location, resolved)} is an empty file (0 bytes).`,
        ['Point it at the saved model, e.g. the file joblib.dump or save_model wrote.', SAMPLE_HINT],
      );
    }
    return { source: 'local', location: resolved, isDirectory, sizeBytes, sample: false, delivery: 'copy' };
  },
});
