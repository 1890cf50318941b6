import { GiB, MiB } from './estimate.js';

const oneDecimal = (n: number): string => String(Math.round(n * 10) / 10);

/** Bytes for a sentence: `8 GiB`, `1.2 GiB`, `259 MiB`, `1.5 MiB`, `300 KiB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${oneDecimal(bytes / GiB)} GiB`;
  if (bytes >= MiB)
    return bytes >= 100 * MiB ? `${Math.round(bytes / MiB)} MiB` : `${oneDecimal(bytes / MiB)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
