import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

/**
 * The `package.json` at the top of a package tarball (`npm pack` puts it at `package/package.json`;
 * other packers use another top folder), read without unpacking anything: a gzip'd ustar archive is
 * a run of 512-byte headers, each followed by its file's bytes. Only regular files count; pax and
 * long-name records are skipped, since a top-level `package.json` never needs them.
 */
export function tarballManifest(path: string): Record<string, unknown> | undefined {
  const tar = gunzipSync(readFileSync(path));
  for (let offset = 0; offset + BLOCK <= tar.length;) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100);
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const body = offset + BLOCK;
    if ((type === '0' || type === '\0') && /^[^/]+\/package\.json$/.test(name)) {
      return JSON.parse(tar.subarray(body, body + size).toString('utf8')) as Record<string, unknown>;
    }
    offset = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return undefined;
}
