import type { AsyncSettings } from './async-config.js';
import { defaultBucket, s3Folder } from '@mcc/sdk';
import type { S3Location } from '@mcc/sdk';

/** Where requests go before SageMaker reads them, and where it writes results and failures. */
export interface AsyncPaths {
  input: S3Location;
  output: S3Location;
  failure: S3Location;
}

/**
 * The project's S3 folders for one account. Inputs live in the output's bucket, under
 * `mcc/<project>/async-input/`, so one bucket (and one IAM statement per folder) serves it all;
 * failures default to a sibling of the default output so that a failure is never mistaken for a
 * result. `account` is `*` for generated IAM documents and `<account>` in the README.
 */
export function resolvePaths(
  settings: AsyncSettings,
  region: string,
  base: string,
  account: string,
): AsyncPaths {
  const home = { bucket: defaultBucket(region, account), prefix: `mcc/${base}/` };
  const output = settings.outputPath
    ? s3Folder(settings.outputPath)
    : { bucket: home.bucket, prefix: `${home.prefix}async-output/` };
  const failure = settings.failurePath
    ? s3Folder(settings.failurePath)
    : settings.outputPath
      ? { bucket: output.bucket, prefix: `${output.prefix}failures/` }
      : { bucket: home.bucket, prefix: `${home.prefix}async-failures/` };
  return { input: { bucket: output.bucket, prefix: `mcc/${base}/async-input/` }, output, failure };
}
