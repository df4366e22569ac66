const BYTE_UNITS = ["KiB", "MiB", "GiB", "TiB"];

/** Sizes in binary units (1 KiB = 1024 B), one decimal below 10; empty for an unknown size. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "";
  if (n < 1024) return `${n} B`;
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${BYTE_UNITS[i]}`;
}
