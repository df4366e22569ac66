import type { ColumnStats, ColumnType } from "@/db/schema";

/** Distinct values counted per column; past this, only values already seen are counted (top values become approximate). */
export const DISTINCT_CAP = 1000;
export const TOP_N = 5;
const MAX_KEY_CHARS = 200;

const INT = /^[+-]?\d+$/;
const NUM = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BOOL = /^(?:true|false)$/i;
const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function parseDate(s: string): number | null {
  if (!DATE.test(s)) return null;
  const t = Date.parse(s.length > 10 && s[10] === " " ? `${s.slice(0, 10)}T${s.slice(11)}` : s);
  return Number.isNaN(t) ? null : t;
}

/** One column's running statistics: constant memory apart from the capped distinct-value counts. */
export class ColumnAccumulator {
  count = 0;
  canInt = true;
  canNum = true;
  canBool = true;
  canDate = true;
  // Welford's online mean and variance.
  n = 0;
  mean = 0;
  m2 = 0;
  min = Infinity;
  max = -Infinity;
  dateMin = Infinity;
  dateMax = -Infinity;
  counts = new Map<string, number>();
  capped = false;

  constructor(readonly name: string) {}

  private number(x: number) {
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  private date(s: string) {
    const t = parseDate(s);
    if (t === null) {
      this.canDate = false;
      return;
    }
    if (t < this.dateMin) this.dateMin = t;
    if (t > this.dateMax) this.dateMax = t;
  }

  private tally(key: string) {
    const k = key.length > MAX_KEY_CHARS ? key.slice(0, MAX_KEY_CHARS) : key;
    const c = this.counts.get(k);
    if (c !== undefined) this.counts.set(k, c + 1);
    else if (this.counts.size < DISTINCT_CAP) this.counts.set(k, 1);
    else this.capped = true;
  }

  /** A CSV cell; the empty string is missing. */
  addText(s: string) {
    if (s === "") return;
    this.count++;
    if (this.canBool && !BOOL.test(s)) this.canBool = false;
    if (this.canNum) {
      if (this.canInt && !INT.test(s)) this.canInt = false;
      if (!this.canInt && !NUM.test(s)) this.canNum = false;
      else this.number(Number(s));
    }
    if (this.canDate) this.date(s);
    this.tally(s);
  }

  /** A JSON value; null and "" are missing, nested values count as strings. */
  addJson(v: unknown) {
    if (v === null || v === undefined || v === "") return;
    this.count++;
    if (typeof v === "number") {
      this.canBool = this.canDate = false;
      if (!Number.isInteger(v)) this.canInt = false;
      if (this.canNum) this.number(v);
      this.tally(String(v));
    } else if (typeof v === "boolean") {
      this.canInt = this.canNum = this.canDate = false;
      this.tally(String(v));
    } else if (typeof v === "string") {
      this.canInt = this.canNum = this.canBool = false;
      if (this.canDate) this.date(v);
      this.tally(v);
    } else {
      this.canInt = this.canNum = this.canBool = this.canDate = false;
      this.tally(JSON.stringify(v));
    }
  }

  type(): ColumnType {
    if (this.count === 0) return "empty";
    if (this.canBool) return "boolean";
    if (this.canInt) return "integer";
    if (this.canNum) return "number";
    if (this.canDate) return "datetime";
    return "string";
  }

  stats(rowCount: number): ColumnStats {
    const type = this.type();
    const out: ColumnStats = { name: this.name, type, count: this.count, missing: rowCount - this.count };
    if (type === "integer" || type === "number") {
      out.min = this.min;
      out.max = this.max;
      out.mean = this.mean;
      out.std = this.n > 1 ? Math.sqrt(this.m2 / (this.n - 1)) : 0;
    } else if (type === "datetime") {
      out.min = new Date(this.dateMin).toISOString();
      out.max = new Date(this.dateMax).toISOString();
    } else if (type === "string" || type === "boolean") {
      let counts = this.counts;
      if (type === "boolean") {
        counts = new Map();
        for (const [k, c] of this.counts) counts.set(k.toLowerCase(), (counts.get(k.toLowerCase()) ?? 0) + c);
      }
      out.top = [...counts]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, TOP_N)
        .map(([value, count]) => ({ value, count }));
      out.distinct = counts.size;
      out.distinctCapped = this.capped;
    }
    return out;
  }
}
