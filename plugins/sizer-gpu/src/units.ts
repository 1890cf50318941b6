export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

const oneDecimal = (n: number): string => String(Math.round(n * 10) / 10);

/** Bytes for a sentence: `14.9 GiB`, `512 MiB`, `1.5 MiB`, `128 KiB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${oneDecimal(bytes / GiB)} GiB`;
  if (bytes >= MiB)
    return bytes >= 100 * MiB ? `${Math.round(bytes / MiB)} MiB` : `${oneDecimal(bytes / MiB)} MiB`;
  if (bytes >= 1024) return `${oneDecimal(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/** A parameter count for a sentence: `8.03B`, `46.7B`, `125M`. */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)}B`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  return String(n);
}
