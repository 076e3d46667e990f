const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** A size as an operator reads it, in 1024-based units: "512 B", "340.2 MB", "1.5 GB" (one decimal from KB up). */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}
