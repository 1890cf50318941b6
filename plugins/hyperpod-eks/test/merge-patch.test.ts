import { describe, expect, it } from 'vitest';

import { replacingPatch } from '../src/lifecycle/merge-patch.js';
import { applyMergePatch } from '../../../testkit/fake-kube-server.js';

describe('replacingPatch', () => {
  const current = {
    replicas: 1,
    modelSourceConfig: { modelSourceType: 'huggingface', huggingFaceModel: { modelId: 'a/b' } },
    worker: { resources: { limits: { 'nvidia.com/gpu': 4 } }, env: [{ name: 'A', value: '1' }] },
    tlsConfig: { tlsCertificateOutputS3Uri: 's3://x/' },
  };
  const desired = {
    replicas: 2,
    modelSourceConfig: { modelSourceType: 's3', s3Storage: { bucketName: 'm', region: 'us-west-2' } },
    worker: { resources: {}, env: [{ name: 'B', value: '2' }] },
  };

  it('removes, at every depth, what the new object no longer has', () => {
    expect(replacingPatch(current, desired)).toEqual({
      replicas: 2,
      modelSourceConfig: {
        modelSourceType: 's3',
        huggingFaceModel: null,
        s3Storage: { bucketName: 'm', region: 'us-west-2' },
      },
      worker: { resources: { limits: null }, env: [{ name: 'B', value: '2' }] },
      tlsConfig: null,
    });
  });

  it('applied as RFC 7386 says, turns the current object into exactly the desired one', () => {
    expect(applyMergePatch(current, replacingPatch(current, desired))).toEqual(desired);
  });
});
