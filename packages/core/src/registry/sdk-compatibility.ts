import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether a plugin built against `@mcc/sdk` `range` can run with the sdk this CLI carries. Plugins
 * depend on the sdk's major version (docs/plugins.md §6), so only majors are compared: `^2.1.0`,
 * `~2.0.3`, `2.4.1`, `2.x` and `2` want major 2; `>=2` wants 2 or later; `||` joins alternatives;
 * `*` and the workspace protocol (the plugins built in this repository) accept any. A range mcc
 * cannot read is treated as not accepting, so the message names it rather than a crash later.
 */
export function acceptsSdkMajor(range: string, sdkMajor: number): boolean {
  return range.split('||').some((part) => alternativeAccepts(part.trim(), sdkMajor));
}

function alternativeAccepts(range: string, sdkMajor: number): boolean {
  if (range === '*' || range === '' || range.startsWith('workspace:')) return true;
  const atLeast = /^>=\s*v?(\d+)(?:\.[\dx*]+){0,2}(?:\s+<\s*v?(\d+)(?:\.\d+){0,2})?$/.exec(range);
  if (atLeast) {
    const below = atLeast[2] === undefined ? Infinity : Number(atLeast[2]);
    return sdkMajor >= Number(atLeast[1]) && sdkMajor < below;
  }
  const exact = /^[\^~=]?\s*v?(\d+)(?:\.(?:\d+|x|\*)){0,2}(?:-[\w.]+)?$/.exec(range);
  return exact !== null && Number(exact[1]) === sdkMajor;
}

/** The major of a version such as `1.4.2`. */
export function majorOf(version: string): number {
  return Number(/^v?(\d+)/.exec(version)?.[1] ?? Number.NaN);
}

/** The `@mcc/sdk` this CLI carries: the one plugins share (peer dependency). */
export function runningSdk(): { version: string; major: number } {
  const path = fileURLToPath(import.meta.resolve('@mcc/sdk/package.json'));
  const version = (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  return { version, major: majorOf(version) };
}
