import type { BadgeTone } from "@/components/ui/badge";

export const STATUS_TONE: Record<string, BadgeTone> = {
  RUNNING: "sky",
  SCHEDULED: "neutral",
  FINISHED: "green",
  FAILED: "red",
  KILLED: "amber",
};
export const statusLabel = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();

/** Up to 4 significant digits, plain for everyday magnitudes, exponent for tiny or huge ones. */
export function fmtNumber(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  const n = Number(v.toPrecision(4));
  return a >= 1000 ? n.toLocaleString("en-US") : String(n);
}

export function fmtDuration(start: number, end: number | null, now = Date.now()): string {
  const s = Math.max(0, Math.round(((end ?? now) - start) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ${m % 60}m` : `${Math.floor(h / 24)}d ${h % 24}h`;
}

export const shortId = (id: string) => id.slice(0, 8);
export const runsBase = (org: string, key: string) => `/${org}/${key}/pipeline/runs`;
