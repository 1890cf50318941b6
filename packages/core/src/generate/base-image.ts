import { isMcError, usageError } from '@mcc/sdk';
import type { BaseImageQuery, Server } from '@mcc/sdk';

import type { ResolvedValue } from '../config/settings.js';

/**
 * The base image when the user gave none: the server's image for the project's region when its
 * images are regional (`baseImageFor`), else its one pinned default. A region without a copy is a
 * usage error naming the region and the way out (--base-image); the plugin's own usage error is
 * kept as it is, anything else it throws is turned into one.
 */
export function defaultBaseImage(server: Server, project: BaseImageQuery): ResolvedValue {
  if (!server.baseImageFor) return { value: server.defaultBaseImage, source: 'default', origin: server.id };
  const { region } = project;
  let value: string;
  try {
    value = server.baseImageFor(project);
  } catch (error) {
    if (isMcError(error) && error.exitCode === 2) throw error;
    throw usageError(
      'BASE_IMAGE_UNAVAILABLE',
      `Server ${server.id} has no default base image in ${region}: ${error instanceof Error ? error.message : String(error)}`,
      [`Pass an image that is available in ${region} with --base-image.`],
    );
  }
  return { value, source: 'default', origin: `${server.id} in ${region}` };
}
