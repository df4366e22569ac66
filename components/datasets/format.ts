export const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const number = new Intl.NumberFormat("en", { maximumFractionDigits: 4 });

export function formatValue(v: number | string | undefined): string {
  if (v === undefined) return "";
  return typeof v === "number" ? number.format(v) : v;
}

export const datasetHref = (org: string, key: string, name: string) => `/${org}/${key}/pipeline/datasets/${encodeURIComponent(name)}`;
