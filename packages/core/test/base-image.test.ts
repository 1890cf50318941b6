import { defineServer, isMcError, usageError } from '@mcc/sdk';
import type { BaseImageQuery, Server } from '@mcc/sdk';
import { describe, expect, it } from 'vitest';

import { defaultBaseImage } from '../src/generate/base-image.js';

/** A server whose image lives in per-region registries, like AWS's deep learning containers. */
function server(baseImageFor?: (project: BaseImageQuery) => string): Server {
  return defineServer({
    id: 'regional',
    summary: 'a server with regional images',
    accelerator: 'gpu',
    sources: ['huggingface'],
    formats: [],
    httpLayers: [],
    defaultBaseImage: '111122223333.dkr.ecr.us-east-1.amazonaws.com/engine:1',
    ...(baseImageFor ? { baseImageFor } : {}),
    options: [],
    templatesDir: new URL('./', import.meta.url),
    samplePayloads: [],
    context: () => ({}),
  });
}

const regional = ({ region }: BaseImageQuery): string => {
  if (region === 'xx-nowhere-1')
    throw usageError('BASE_IMAGE_UNAVAILABLE', `No engine image in ${region}.`, [
      `Pass an image in ${region} with --base-image.`,
    ]);
  return `111122223333.dkr.ecr.${region}.amazonaws.com/engine:1`;
};

/** The project as core asks about it: a region, no options, no model. */
const at = (region: string): BaseImageQuery => ({ region, options: {} });

describe('the default base image recorded in mcc.json', () => {
  it("is the server's one pinned image when its images are not regional", () => {
    expect(defaultBaseImage(server(), at('eu-west-1'))).toEqual({
      value: '111122223333.dkr.ecr.us-east-1.amazonaws.com/engine:1',
      source: 'default',
      origin: 'regional',
    });
  });

  it("is the project region's image when the server has baseImageFor", () => {
    expect(defaultBaseImage(server(regional), at('eu-west-1'))).toEqual({
      value: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/engine:1',
      source: 'default',
      origin: 'regional in eu-west-1',
    });
  });

  it("keeps the plugin's usage error for a region without a copy", () => {
    expect(() => defaultBaseImage(server(regional), at('xx-nowhere-1'))).toThrow(
      expect.objectContaining({
        code: 'BASE_IMAGE_UNAVAILABLE',
        message: 'No engine image in xx-nowhere-1.',
      }),
    );
  });

  it('turns any other failure into a usage error naming the region and --base-image', () => {
    const failing = server(() => {
      throw new Error('no registry known');
    });
    let caught: unknown;
    try {
      defaultBaseImage(failing, at('xx-nowhere-1'));
    } catch (error) {
      caught = error;
    }
    expect(isMcError(caught)).toBe(true);
    expect(caught).toMatchObject({
      code: 'BASE_IMAGE_UNAVAILABLE',
      exitCode: 2,
      message: expect.stringContaining(
        'regional has no default base image in xx-nowhere-1: no registry known',
      ),
      suggestions: [expect.stringContaining('--base-image')],
    });
  });
});
