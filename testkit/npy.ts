/**
 * `application/x-npy` bodies as `numpy.save` writes them (format 1.0), for rows of numbers
 * (`<f8`) or of text (`<U<n>`, so a mixed row such as the Abalone ones goes as its cells' text).
 */
const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00]); // \x93NUMPY v1.0
const ALIGN = 64;

function header(descr: string, rows: number, columns: number): Buffer {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${rows}, ${columns}), }`;
  // The header ends in a newline and pads magic + length + header to a multiple of 64 bytes.
  const unpadded = MAGIC.length + 2 + dict.length + 1;
  const text = `${dict}${' '.repeat((ALIGN - (unpadded % ALIGN)) % ALIGN)}\n`;
  const length = Buffer.alloc(2);
  length.writeUInt16LE(text.length);
  return Buffer.concat([MAGIC, length, Buffer.from(text, 'latin1')]);
}

function shape(rows: readonly (readonly unknown[])[]): [number, number] {
  const columns = rows[0]?.length ?? 0;
  if (rows.some((row) => row.length !== columns)) throw new Error('npy rows must be the same width');
  return [rows.length, columns];
}

/** A 2-D float64 array. */
export function npyFloat64(rows: readonly (readonly number[])[]): Buffer {
  const [count, columns] = shape(rows);
  const data = Buffer.alloc(count * columns * 8);
  rows.flat().forEach((value, index) => data.writeDoubleLE(value, index * 8));
  return Buffer.concat([header('<f8', count, columns), data]);
}

/** A 2-D array of unicode strings (numbers written as their text). */
export function npyText(rows: readonly (readonly (string | number)[])[]): Buffer {
  const [count, columns] = shape(rows);
  const cells = rows.flat().map(String);
  const width = Math.max(1, ...cells.map((cell) => [...cell].length));
  const data = Buffer.alloc(count * columns * width * 4);
  cells.forEach((cell, index) =>
    [...cell].forEach((char, at) => data.writeUInt32LE(char.codePointAt(0)!, (index * width + at) * 4)),
  );
  return Buffer.concat([header(`<U${width}`, count, columns), data]);
}
