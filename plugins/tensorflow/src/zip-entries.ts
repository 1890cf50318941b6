import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
/** The end record (22 bytes) plus the longest comment a zip may carry. */
const MAX_END_BYTES = 22 + 0xffff;
/** Central directories of real models are a few KB; a larger one is read only this far. */
const MAX_DIRECTORY_BYTES = 1024 * 1024;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Where the central directory starts and how long it is, from the end records; undefined if none. */
async function centralDirectory(
  file: FileHandle,
  size: number,
): Promise<{ offset: number; length: number } | undefined> {
  const tailStart = Math.max(0, size - MAX_END_BYTES);
  const tail = await readAt(file, tailStart, size - tailStart);
  for (let at = tail.length - 22; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) !== END_OF_DIRECTORY) continue;
    const length = tail.readUInt32LE(at + 12);
    const offset = tail.readUInt32LE(at + 16);
    if (offset !== 0xffffffff) return { offset, length };
    // Zip64: the locator just before the end record points at the 64-bit end record.
    if (at < 20 || tail.readUInt32LE(at - 20) !== ZIP64_LOCATOR) return undefined;
    const record = await readAt(file, Number(tail.readBigUInt64LE(at - 12)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_END) return undefined;
    return { offset: Number(record.readBigUInt64LE(48)), length: Number(record.readBigUInt64LE(40)) };
  }
  return undefined;
}

/** The entry names in a central directory, as far as it is well formed. */
function entryNames(directory: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 46 <= directory.length && directory.readUInt32LE(at) === DIRECTORY_ENTRY) {
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    names.push(directory.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * The names of the files in a zip archive, read from its central directory (a Keras 3 `.keras`
 * file is one). Undefined when the file has no readable central directory: not a zip, or truncated.
 */
export async function zipEntryNames(path: string): Promise<string[] | undefined> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const found = await centralDirectory(file, size);
    if (!found || found.offset + found.length > size) return undefined;
    const directory = await readAt(file, found.offset, Math.min(found.length, MAX_DIRECTORY_BYTES));
    return entryNames(directory);
  } finally {
    await file.close();
  }
}
