/**
 * What a file looks like from its first and last bytes: one of xgboost's three model formats, or
 * something else users mistake for one. Pure, so it is tested on buffers as well as files.
 */

export type ModelBytesKind =
  'json' | 'ubj' | 'model' | 'empty' | 'json-other' | 'pickle' | 'zip' | 'gzip' | 'text' | 'binary';

export interface ModelBytes {
  kind: ModelBytesKind;
  /** For an xgboost format: the file ends before the document does. */
  truncated?: boolean;
  /** A fact worth quoting in a message, e.g. the objective of a legacy binary model. */
  detail?: string;
}

/** The part of a file that `describeModelBytes` reads. */
export interface FileEnds {
  head: Buffer;
  /** The last bytes; the same as `head` when the file is no longer than it. */
  tail: Buffer;
  size: number;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LEARNER = Buffer.from('learner');

/** UBJSON length markers (int8, uint8, int16, int32, int64) that can follow `{` before a key. */
const UBJ_LENGTH_MARKERS = new Set('iUIlL'.split('').map((c) => c.charCodeAt(0)));

/** Legacy binary: optional `binf`, LearnerModelParamLegacy (136 bytes), then two length-prefixed names. */
const LEGACY_MAGIC = Buffer.from('binf');
const LEGACY_PARAM_BYTES = 136;
const LEGACY_BOOSTERS = new Set(['gbtree', 'gblinear', 'dart']);
const OBJECTIVE = /^[a-z]+:[a-z_]+$/;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function withoutBom(head: Buffer): Buffer {
  return head.subarray(0, 3).equals(UTF8_BOM) ? head.subarray(3) : head;
}

function firstNonSpace(buffer: Buffer): number | undefined {
  return buffer.find((byte) => !isWhitespace(byte));
}

function lastNonSpace(buffer: Buffer): number | undefined {
  return buffer.findLast((byte) => !isWhitespace(byte));
}

/** A length-prefixed (uint64 little-endian) ASCII string as dmlc streams write it, or undefined. */
function legacyString(buffer: Buffer, at: number): { text: string; end: number } | undefined {
  if (buffer.length < at + 8) return undefined;
  const length = buffer.readBigUInt64LE(at);
  if (length === 0n || length > 64n) return undefined;
  const end = at + 8 + Number(length);
  if (buffer.length < end) return undefined;
  return { text: buffer.toString('latin1', at + 8, end), end };
}

function legacyModel(head: Buffer): ModelBytes | undefined {
  const start = head.subarray(0, 4).equals(LEGACY_MAGIC) ? 4 : 0;
  const objective = legacyString(head, start + LEGACY_PARAM_BYTES);
  if (!objective || !OBJECTIVE.test(objective.text)) return undefined;
  const booster = legacyString(head, objective.end);
  if (!booster || !LEGACY_BOOSTERS.has(booster.text)) return undefined;
  return { kind: 'model', detail: `objective ${objective.text}, booster ${booster.text}` };
}

function jsonDocument(ends: FileEnds): ModelBytes {
  const text = withoutBom(ends.head).toString('utf8');
  if (ends.size <= ends.head.length) {
    // The whole file was read: parse it.
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      const looksModel = text.includes('"learner"');
      return looksModel ? { kind: 'json', truncated: true } : { kind: 'text', detail: 'not valid JSON' };
    }
    const learner = (document as { learner?: unknown } | null)?.learner;
    return typeof learner === 'object' && learner !== null && !Array.isArray(learner)
      ? { kind: 'json' }
      : { kind: 'json-other', detail: Array.isArray(document) ? 'an array' : 'no "learner" object' };
  }
  // xgboost writes `"learner"` first (or after a short `"version"`): it is always in the head.
  if (!text.includes('"learner"')) return { kind: 'json-other', detail: 'no "learner" object' };
  return { kind: 'json', truncated: lastNonSpace(ends.tail) !== CLOSE_BRACE };
}

function ubjDocument(ends: FileEnds): ModelBytes {
  if (!ends.head.includes(LEARNER)) return { kind: 'binary', detail: 'UBJSON without a "learner" object' };
  return { kind: 'ubj', truncated: ends.tail[ends.tail.length - 1] !== CLOSE_BRACE };
}

function isText(head: Buffer): boolean {
  const sample = head.subarray(0, 512);
  return sample.every((byte) => byte >= 0x20 || isWhitespace(byte)) && !sample.includes(0x7f);
}

/** Classifies a file by its first and last bytes. */
export function describeModelBytes(ends: FileEnds): ModelBytes {
  const { head } = ends;
  if (ends.size === 0) return { kind: 'empty' };
  if (head[0] === OPEN_BRACE && UBJ_LENGTH_MARKERS.has(head[1] ?? -1)) return ubjDocument(ends);
  const first = firstNonSpace(withoutBom(head));
  if (first === OPEN_BRACE) return jsonDocument(ends);
  if (first === 0x5b) return { kind: 'json-other', detail: 'an array' };
  const legacy = legacyModel(head);
  if (legacy) return legacy;
  // The magic without the names after it: the file stops inside the header.
  if (head.subarray(0, 4).equals(LEGACY_MAGIC)) return { kind: 'model', truncated: true };
  if (head[0] === 0x80 && (head[1] ?? 0) >= 2 && (head[1] ?? 0) <= 5) {
    const xgboostObject = head.includes(Buffer.from('xgboost'));
    return { kind: 'pickle', ...(xgboostObject ? { detail: 'of an xgboost object' } : {}) };
  }
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return { kind: 'zip' };
  if (head[0] === 0x1f && head[1] === 0x8b) return { kind: 'gzip' };
  return isText(head) ? { kind: 'text' } : { kind: 'binary' };
}
