import type { BatchSettings } from './batch-config.js';
import { defaultBucket, s3Folder } from '@mcc/sdk';
import type { S3Location } from '@mcc/sdk';

/** Where jobs read by default, and the folder under which each job writes its results. */
export interface BatchPaths {
  input: S3Location;
  output: S3Location;
}

/**
 * The project's S3 folders for one account: the options, else `mcc/<project>/batch-input/` and
 * `…/batch-output/` in SageMaker's default bucket. `account` is `*` in generated IAM documents,
 * `<account>` in the README and the real id in `mcc deploy`.
 */
export function resolvePaths(
  settings: Pick<BatchSettings, 'inputPath' | 'outputPath'>,
  region: string,
  base: string,
  account: string,
): BatchPaths {
  const home = (folder: string): S3Location => ({
    bucket: defaultBucket(region, account),
    prefix: `mcc/${base}/${folder}/`,
  });
  return {
    input: settings.inputPath ? s3Folder(settings.inputPath) : home('batch-input'),
    output: settings.outputPath ? s3Folder(settings.outputPath) : home('batch-output'),
  };
}

/** True when a folder is in the default bucket, which `mcc deploy` creates when it is missing. */
export function usesDefaultBucket(settings: Pick<BatchSettings, 'inputPath' | 'outputPath'>): boolean {
  return settings.inputPath === undefined || settings.outputPath === undefined;
}
