import { readFile, stat } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

const BUNDLE = new URL('../dist/bundle/index.js', import.meta.url);

/**
 * Every command reads core's bundle, so what the verbs load lazily must stay out of it: the AWS SDK,
 * the Kubernetes client and the signing libraries. Bundled, the Kubernetes client alone made it
 * 16 MB and added ~100 ms to every `mcc` run.
 */
describe("core's bundle", () => {
  it('leaves the AWS SDK, the Kubernetes client and the signers as imports, and stays small', async () => {
    const text = await readFile(BUNDLE, 'utf8');
    for (const external of ['@kubernetes/client-node', '@smithy/signature-v4', '@aws-crypto/sha256-js']) {
      expect(text, external).toMatch(
        new RegExp(`import\\(\\s*["']${external.replace('/', '\\/')}["']\\s*\\)`),
      );
    }
    expect(text).toMatch(/import\(\s*`@aws-sdk\/client-\$\{/);
    expect((await stat(BUNDLE)).size).toBeLessThan(1024 * 1024);
  });
});
