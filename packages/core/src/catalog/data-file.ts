import { readFileSync } from 'node:fs';

/**
 * Reads a JSON file shipped in core's `data/` folder. The folder sits two levels above this module
 * both in `src/catalog/` (tests) and in `dist/catalog/` (the published package lists `data` in `files`).
 */
export function readDataFile(name: string): unknown {
  const url = new URL(`../../data/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as unknown;
}
