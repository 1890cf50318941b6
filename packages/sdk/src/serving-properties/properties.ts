/**
 * Java `.properties` text, as `java.util.Properties.load(InputStream)` reads it: DJL Serving loads
 * `serving.properties` that way, so the file is ISO-8859-1 and every character outside printable
 * ASCII must be a `\uXXXX` escape.
 */

/** A value a property takes; numbers and booleans are written as Java reads them back. */
export type PropertyValue = string | number | boolean;

/** One `key=value` line of a serving.properties file. */
export interface ServingProperty {
  /** e.g. `engine` or `option.tensor_parallel_degree`. */
  key: string;
  value: PropertyValue;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\f': '\\f',
};

/** Characters that end a key or start a comment; escaped in keys and values alike, as Java's `store` does. */
const SEPARATORS = new Set(['=', ':', '#', '!']);

function escapeText(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    const code = text.charCodeAt(i);
    const simple = SIMPLE_ESCAPES[char];
    if (simple !== undefined) out += simple;
    // A space is a separator in a key; in a value only a leading one is dropped by the reader.
    else if (char === ' ' && (isKey || i === 0)) out += '\\ ';
    else if (SEPARATORS.has(char)) out += `\\${char}`;
    // UTF-16 code units, so a character outside the BMP becomes its surrogate pair, as Java reads it.
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return out;
}

/** A property key, escaped for a `.properties` file. */
export function propertiesKey(key: string): string {
  if (key.length === 0) throw new Error('a serving.properties key cannot be empty');
  return escapeText(key, true);
}

/** A property value, escaped for a `.properties` file (booleans and numbers as Java prints them). */
export function propertiesValue(value: PropertyValue): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`a serving.properties value must be a finite number, not ${value}`);
  }
  return escapeText(String(value), false);
}

/** One `key=value` line. */
export function propertiesLine(property: ServingProperty): string {
  return `${propertiesKey(property.key)}=${propertiesValue(property.value)}`;
}

/** Whole file text: one line per property, in order; later duplicates are refused (a plugin bug). */
export function formatProperties(properties: readonly ServingProperty[]): string {
  const seen = new Set<string>();
  for (const { key } of properties) {
    if (seen.has(key)) throw new Error(`serving.properties key ${key} is set twice`);
    seen.add(key);
  }
  return properties.map((property) => `${propertiesLine(property)}\n`).join('');
}

/** Splits text into logical lines: a line ending in an odd number of backslashes continues. */
function logicalLines(text: string): string[] {
  const physical = text.split(/\r\n|\r|\n/);
  const lines: string[] = [];
  let current: string | undefined;
  for (const raw of physical) {
    // Leading whitespace is dropped from every physical line, continuations included.
    const line = raw.replace(/^[ \t\f]+/, '');
    if (current === undefined && (line === '' || line.startsWith('#') || line.startsWith('!'))) continue;
    const trailing = /\\*$/.exec(line)![0].length;
    const joined = (current ?? '') + (trailing % 2 === 1 ? line.slice(0, -1) : line);
    if (trailing % 2 === 1) current = joined;
    else {
      lines.push(joined);
      current = undefined;
    }
  }
  if (current !== undefined) lines.push(current);
  return lines;
}

function unescape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (char !== '\\' || i === text.length - 1) {
      out += char;
      continue;
    }
    const next = text[(i += 1)]!;
    if (next === 'u') {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Error(`malformed \\u escape: \\u${hex}`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else out += { t: '\t', n: '\n', r: '\r', f: '\f' }[next] ?? next;
  }
  return out;
}

/**
 * Reads `.properties` text as Java does (comments, continuations, `=`/`:`/whitespace separators,
 * escapes). Later keys win, as in `Properties.load`. Used by tests and by plugins that check files.
 */
export function parseProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of logicalLines(text)) {
    let end = 0;
    while (end < line.length) {
      const char = line[end]!;
      if (char === '\\') end += 2;
      else if (char === '=' || char === ':' || char === ' ' || char === '\t' || char === '\f') break;
      else end += 1;
    }
    end = Math.min(end, line.length);
    let start = end;
    while (start < line.length && /[ \t\f]/.test(line[start]!)) start += 1;
    if (start < line.length && (line[start] === '=' || line[start] === ':')) start += 1;
    while (start < line.length && /[ \t\f]/.test(line[start]!)) start += 1;
    result.set(unescape(line.slice(0, end)), unescape(line.slice(start)));
  }
  return result;
}
