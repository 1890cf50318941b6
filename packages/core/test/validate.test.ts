import { describe, expect, it } from 'vitest';

import {
  defaultProjectName,
  validateBaseImage,
  validateProjectName,
  validateRegion,
} from '../src/generate/validate.js';

describe('validation of user values', () => {
  it.each(['abalone', 'A1', 'my--model-2', 'x'.repeat(48)])('accepts the project name %s', (name) => {
    expect(() => validateProjectName(name, 'NAME')).not.toThrow();
  });

  it.each(['my_model', '-lead', 'trail-', 'has space', 'x'.repeat(49), 'ünïcode', ''])(
    'rejects the project name "%s"',
    (name) => {
      expect(() => validateProjectName(name, 'NAME')).toThrow(
        /would be rejected by SageMaker: use 1–48 letters, digits and hyphens/,
      );
    },
  );

  it('suggests a fixed name', () => {
    expect(() => validateProjectName('My_Model', 'NAME')).toThrow(
      expect.objectContaining({ suggestions: ['Try "my-model".'] }),
    );
  });

  it('derives a valid default name', () => {
    expect(defaultProjectName('sklearn', 'sample')).toBe('sklearn-sample');
    expect(defaultProjectName('sklearn', 'My Model_v2 (final)')).toBe('sklearn-my-model-v2-final');
    expect(() => validateProjectName(defaultProjectName('sklearn', 'x'.repeat(80)), 'NAME')).not.toThrow();
  });

  it.each(['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-3'])(
    'accepts region %s',
    (r) => {
      expect(() => validateRegion(r, '--region')).not.toThrow();
    },
  );

  it.each(['useast1', 'US-EAST-1', 'us-east', 'mars-north-1x'])('rejects region %s', (r) => {
    expect(() => validateRegion(r, '--region')).toThrow(
      `Region "${r}" (from --region) is not an AWS region code`,
    );
  });

  it('accepts image references and rejects the rest', () => {
    for (const ok of [
      'python:3.12-slim',
      'public.ecr.aws/docker/library/python:3.12-slim-bookworm',
      'localhost:5000/team/img@sha256:' + 'a'.repeat(64),
    ]) {
      expect(() => validateBaseImage(ok, 'x')).not.toThrow();
    }
    for (const bad of ['Python:3', 'img:tag with space', 'img;rm -rf /']) {
      expect(() => validateBaseImage(bad, '--base-image')).toThrow(/is not an image reference/);
    }
  });
});
