import type { ProjectChoices, Server } from '@mcc/sdk';

/**
 * The server as the project's options and model make it: its `accelerator` replaced by what
 * `acceleratorFor` says, when the server decides by them. Every other field is the server's own, so
 * the rest of generation reads one accelerator, whichever way it was decided.
 */
export function serverForOptions(server: Server, project: ProjectChoices): Server {
  const accelerator = server.acceleratorFor?.(project);
  if (accelerator === undefined || accelerator === server.accelerator) return server;
  return { ...server, accelerator };
}
