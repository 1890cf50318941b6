/**
 * Plain data (objects, arrays, strings, numbers, booleans) as a YAML block document, for the
 * manifests `generate` writes under `k8s/`. Strings are always double-quoted (JSON's escaping is
 * valid YAML), so no value is read back as another type (`"on"`, `"1.0"`, `"null"`). Small and
 * dependency-free: the plugin depends on the sdk alone.
 */
export function toYaml(value: unknown): string {
  return `${lines(value, 0).join('\n')}\n`;
}

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} in YAML`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isObject(value) && Object.keys(value).length === 0) return '{}';
  return undefined;
}

function isObject(value: unknown): value is Record<string, Plain> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(name) ? name : JSON.stringify(name);
}

function lines(value: unknown, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const simple = scalar(value);
  if (simple !== undefined) return [`${pad}${simple}`];
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const inner = lines(item, depth + 1);
      // The item's first line moves up beside the dash; the rest keep their indentation.
      return [`${pad}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
    });
  }
  if (isObject(value)) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .flatMap(([name, v]) => {
        const simpleValue = scalar(v);
        if (simpleValue !== undefined) return [`${pad}${key(name)}: ${simpleValue}`];
        return [`${pad}${key(name)}:`, ...lines(v, depth + 1)];
      });
  }
  throw new Error(`cannot write a ${typeof value} in YAML`);
}
