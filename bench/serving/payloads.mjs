// The CSV bodies: the first 1 and 100 data rows of the Abalone file shipped with the sample
// project, without header. For sklearn only the seven numeric measurements are kept, so the
// baseline's numpy decoder reads the same numbers mcc's server does; xgboost gets the rows of its
// project's own test payload (whatever its sample model takes).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROW_COUNTS = [1, 100];

function dataRows(file) {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  // A first line without a digit is a header.
  return /\d/.test(lines[0]) ? lines : lines.slice(1);
}

function repeatTo(rows, count) {
  return Array.from({ length: count }, (_, i) => rows[i % rows.length]);
}

/** Writes the bodies to `work` and returns {1: path, 100: path}. */
function writeBodies(rows, work, prefix) {
  return Object.fromEntries(
    ROW_COUNTS.map((n) => {
      const path = join(work, `${prefix}-${n}.csv`);
      writeFileSync(path, repeatTo(rows, n).join('\n') + '\n');
      return [n, path];
    }),
  );
}

/** sklearn: sex letter and rings dropped, the seven measurements kept. */
export function numericBodies(abaloneCsv, work) {
  const rows = dataRows(abaloneCsv).map((line) => line.split(',').slice(1, 8).join(','));
  return writeBodies(rows, work, 'sklearn');
}

/** xgboost: the rows of the project's tests/payloads/abalone.csv, as its sample model takes them. */
export function projectBodies(projectDir, work) {
  const file = join(projectDir, 'tests', 'payloads', 'abalone.csv');
  if (!existsSync(file)) throw new Error(`${file} is missing: no CSV payload to send to this server`);
  return writeBodies(dataRows(file), work, 'xgboost');
}
