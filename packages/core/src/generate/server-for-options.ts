import type { OptionValues, Server } from '@mcc/sdk';

/**
 * The server as the project's options make it: its `accelerator` replaced by what
 * `acceleratorFor(options)` says, when the server decides by its options. Every other field is the
 * server's own, so the rest of generation reads one accelerator, whichever way it was decided.
 */
export function serverForOptions(server: Server, options: OptionValues): Server {
  const accelerator = server.acceleratorFor?.(options);
  if (accelerator === undefined || accelerator === server.accelerator) return server;
  return { ...server, accelerator };
}
