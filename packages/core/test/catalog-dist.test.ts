import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The published package runs from dist/: the data files must be found from there too.
const distCatalog = new URL('../dist/catalog/index.js', import.meta.url);
const built = existsSync(distCatalog);

describe.skipIf(!built)('the catalog as built in dist/ (run `tsc -b` first)', () => {
  it('loads the catalog and the real-time types from the data folder', () => {
    const script = `
      const m = await import(${JSON.stringify(distCatalog.href)});
      console.log(JSON.stringify({
        entries: m.instanceCatalog.all().length,
        m5: m.instanceCatalog.get('ml.m5.large')?.memoryGiB,
        realtime: m.isRealtimeInstanceType('ml.m5.large'),
        derived: m.deriveInstance('ml.m7i.large'),
      }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../', import.meta.url)),
      encoding: 'utf8',
    });
    const result = JSON.parse(out) as Record<string, unknown>;
    expect(result.entries).toBeGreaterThan(50);
    expect(result.m5).toBe(8);
    expect(result.realtime).toBe(true);
    expect(result.derived).toEqual({
      instanceType: 'ml.m7i.large',
      vcpu: 2,
      acceleratorCount: 0,
      catalogued: false,
    });
  });
});
