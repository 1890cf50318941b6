import { listTemplates } from '@mcc/sdk/render';
import { describe, expect, it } from 'vitest';

import { sklearnServer } from '../src/server.js';
import { projectInput } from './project-input.js';

describe('sklearn server', () => {
  it('declares what it serves', () => {
    expect(sklearnServer).toMatchObject({
      kind: 'server',
      id: 'sklearn',
      accelerator: 'cpu',
      sources: ['local', 'sample'],
      httpLayers: ['flask', 'fastapi'],
      defaultHttp: 'flask',
      sample: { format: 'joblib', fileName: 'model.joblib' },
    });
    expect(sklearnServer.templatesDir).toHaveLength(2);
    expect(sklearnServer.formats.map((format) => [format.id, format.extensions, format.layout])).toEqual([
      ['pkl', ['.pkl', '.pickle'], 'file'],
      ['joblib', ['.joblib'], 'file'],
    ]);
    expect(sklearnServer.memoryPerModelByte).toBeGreaterThan(1);
  });

  it('pins a public ECR base image with a fixed tag', () => {
    expect(sklearnServer.defaultBaseImage).toMatch(
      /^public\.ecr\.aws\/docker\/library\/python:3\.12\.\d+-slim-bookworm$/,
    );
  });

  it('names only templates that exist in its file rules and sample payloads', async () => {
    const templates = await listTemplates(sklearnServer.templatesDir);
    for (const rule of sklearnServer.files ?? []) expect(templates).toContain(rule.template);
    for (const payload of sklearnServer.samplePayloads) expect(templates).toContain(payload.file);
  });
});

describe('default worker count', () => {
  it('is one per vCPU for a small model, and capped by memory for a large one (3 bytes per byte)', () => {
    const base = projectInput({ http: 'flask', source: 'local' });
    const workers = (vcpu: number, memoryGiB: number, sizeBytes: number) =>
      sklearnServer.context({
        ...base,
        instance: { ...base.instance, vcpu, memoryGiB },
        model: { ...base.model, sizeBytes },
      }).workers;
    expect(workers(16, 64, 1024 * 1024)).toBe(16);
    // 20 GB model on 128 GiB: 0.8 × 128 GiB − 704 MiB holds one 60 GB worker, not two.
    expect(workers(16, 128, 20e9)).toBe(1);
  });
});
