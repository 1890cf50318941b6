import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Where a generated project keeps the requests its server answers. */
export const PAYLOAD_DIR = 'tests/payloads';

// Predictive projects ship rows in several types; CSV is what their README invokes with.
const PREFERRED = ['abalone.csv'];
const BY_EXTENSION = ['.csv', '.json', '.npy'];

/**
 * The payload `mcc invoke` sends when none is given: the sample rows of a predictive project, else
 * the one request an LLM or Triton project ships (chat.json, generate.json, abalone.json …), else
 * undefined. Files of an unknown type are never picked.
 */
export function defaultPayload(projectDir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(join(projectDir, PAYLOAD_DIR)).sort();
  } catch {
    return undefined;
  }
  const preferred = PREFERRED.find((name) => names.includes(name));
  const rank = (name: string) => BY_EXTENSION.indexOf(extname(name).toLowerCase());
  const picked =
    preferred ??
    names
      .filter((name) => rank(name) >= 0)
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
      .at(0);
  return picked === undefined ? undefined : join(projectDir, PAYLOAD_DIR, picked);
}
