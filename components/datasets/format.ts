export const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const number = new Intl.NumberFormat("en", { maximumFractionDigits: 4 });

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatValue(v: number | string | undefined): string {
  if (v === undefined) return "";
  return typeof v === "number" ? number.format(v) : v;
}

export const datasetHref = (org: string, key: string, name: string) => `/${org}/${key}/pipeline/datasets/${encodeURIComponent(name)}`;
