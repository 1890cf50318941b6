import { describe, expect, it } from 'vitest';

import {
  BASE_MAX_LENGTH,
  DEPLOY_SUFFIX_MAX_LENGTH,
  imageTag,
  resourceBase,
  resourceNames,
} from '../src/names.js';

// The limits the names must respect, from the SageMaker, IAM and CodeBuild APIs.
const SAGEMAKER_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const CODEBUILD_PROJECT = /^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/;
const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DEPLOY_SUFFIX = `-${'z'.repeat(DEPLOY_SUFFIX_MAX_LENGTH - 1)}`;

describe('resource names', () => {
  it.each([
    ['abalone', 'abalone'],
    ['my_model.v2', 'my-model-v2'],
    ['team/model', 'team-model'],
    ['--x__y..z--', 'x-y-z'],
    ['9lives', '9lives'],
  ])('derives the base of %s as %s', (imageName, base) => {
    expect(resourceBase(imageName)).toBe(base);
  });

  it('shortens long names with a fingerprint, so two long names stay distinct', () => {
    const a = resourceBase(`${'very-long-project-name-'.repeat(3)}one`);
    const b = resourceBase(`${'very-long-project-name-'.repeat(3)}two`);
    expect(a.length).toBeLessThanOrEqual(BASE_MAX_LENGTH);
    expect(b.length).toBeLessThanOrEqual(BASE_MAX_LENGTH);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^very-long-project-name-[a-z-]+-[0-9a-f]{6}$/);
  });

  it('keeps the longest project name core accepts (48 characters) as it is', () => {
    const name = 'abalone-regression-with-a-rather-long-name-00048';
    expect(name).toHaveLength(48);
    expect(resourceBase(name)).toBe(name);
  });

  it.each([
    'abalone',
    'my_model.v2',
    'a',
    'abalone-regression-with-a-rather-long-name-00048',
    `${'x'.repeat(200)}`,
    'a.b_c-d/e',
  ])('keeps every name of %s within its API limits', (imageName) => {
    const names = resourceNames(imageName);
    for (const name of [names.endpoint, names.model, names.inferenceComponent])
      expect(name).toMatch(SAGEMAKER_NAME);
    // mcc deploy may suffix these with a timestamp per deployment.
    expect(names.endpointConfig + DEPLOY_SUFFIX).toMatch(SAGEMAKER_NAME);
    expect(names.model + DEPLOY_SUFFIX).toMatch(SAGEMAKER_NAME);
    expect(names.executionRole).toMatch(IAM_ROLE_NAME);
    expect(names.codebuildRole).toMatch(IAM_ROLE_NAME);
    expect(names.codebuildProject).toMatch(CODEBUILD_PROJECT);
  });

  it('names every resource after the same base', () => {
    expect(resourceNames('abalone')).toEqual({
      base: 'abalone',
      endpoint: 'abalone',
      endpointConfig: 'abalone-config',
      model: 'abalone-model',
      inferenceComponent: 'abalone-ic',
      codebuildProject: 'abalone-build',
      executionRole: 'mcc-abalone-sagemaker',
      codebuildRole: 'mcc-abalone-codebuild',
      localContainer: 'abalone-local',
    });
  });

  it.each([
    ['0.1.0', '0.1.0'],
    ['1.0.0+build.5', '1.0.0-build.5'],
    ['1.0.0-rc.1', '1.0.0-rc.1'],
    ['.hidden', 'hidden'],
    ['', 'latest'],
  ])('turns version %j into the image tag %j', (version, tag) => {
    expect(imageTag(version)).toBe(tag);
    expect(imageTag(version)).toMatch(DOCKER_TAG);
  });
});
