import type { MetricPoint } from "./protocol";

const LINE = /^::metric((?:\s+[A-Za-z_]+=\S+)+)\s*$/;
const KEY = /^[A-Za-z0-9_\-. /]{1,250}$/;

/** `::metric name=acc step=3 value=0.91` (any order; step defaults to 0) → a metric point, else null. */
export function parseMetricLine(line: string, now = Date.now()): MetricPoint | null {
  const m = LINE.exec(line.trim());
  if (!m) return null;
  const fields = new Map<string, string>();
  for (const pair of m[1]!.trim().split(/\s+/)) {
    const eq = pair.indexOf("=");
    fields.set(pair.slice(0, eq).toLowerCase(), pair.slice(eq + 1));
  }
  const key = fields.get("name") ?? fields.get("key");
  const raw = fields.get("value");
  if (!key || !KEY.test(key) || raw === undefined) return null;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) return null; // JSON has no NaN or Infinity
  const step = fields.has("step") ? Number(fields.get("step")) : 0;
  if (!Number.isSafeInteger(step) || step < 0) return null;
  return { key, value, step, timestamp: now };
}
