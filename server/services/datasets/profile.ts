import { StringDecoder } from "node:string_decoder";
import type { ColumnStats, ColumnType, DatasetFormat, SchemaColumn } from "@/db/schema";
import { BadRequestError } from "../errors";

/** Distinct values counted per column; past this, only values already seen are counted (top values become approximate). */
export const DISTINCT_CAP = 1000;
export const TOP_N = 5;
export const MAX_COLUMNS = 2000;
/** One CSV record or JSON line may not exceed this many characters (a missing closing quote would otherwise buffer the file). */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;
const MAX_KEY_CHARS = 200;

export interface DatasetProfile {
  format: DatasetFormat;
  rowCount: number;
  schema: SchemaColumn[];
  stats: ColumnStats[];
}

/** A file that cannot be read as the declared format; the message names the line. */
export class DatasetFormatError extends BadRequestError {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

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
class ColumnAccumulator {
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

export interface Profiler {
  write(chunk: Buffer | string): void;
  end(): DatasetProfile;
}

export function createProfiler(format: DatasetFormat): Profiler {
  return format === "csv" ? csvProfiler() : jsonlProfiler();
}

function finish(format: DatasetFormat, rowCount: number, columns: ColumnAccumulator[]): DatasetProfile {
  const stats = columns.map((c) => c.stats(rowCount));
  return { format, rowCount, schema: stats.map((s) => ({ name: s.name, type: s.type })), stats };
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * RFC 4180 CSV: comma-separated, fields optionally in double quotes ("" is a quote; quoted fields may
 * hold commas and line breaks), CRLF or LF line ends, an optional UTF-8 BOM, the first record is the
 * header. Blank lines are skipped. Every record must have as many fields as the header.
 */
function csvProfiler(): Profiler {
  const decoder = new StringDecoder("utf8");
  let state = S.FieldStart;
  let pending = "";
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let afterCr = false;
  let first = true;
  let header: string[] | null = null;
  let columns: ColumnAccumulator[] = [];
  let rows = 0;

  function endRecord() {
    const isBlank = fields.length === 1 && fields[0] === "";
    if (!isBlank) {
      if (!header) {
        if (fields.length > MAX_COLUMNS) throw new DatasetFormatError(recordLine, `more than ${MAX_COLUMNS} columns`);
        const seen = new Set<string>();
        header = fields.map((f, i) => {
          const name = f.trim() || `column_${i + 1}`;
          if (seen.has(name)) throw new DatasetFormatError(recordLine, `the header names column "${name}" twice`);
          seen.add(name);
          return name;
        });
        columns = header.map((n) => new ColumnAccumulator(n));
      } else {
        if (fields.length !== header.length) {
          throw new DatasetFormatError(recordLine, `expected ${header.length} fields as in the header, found ${fields.length}`);
        }
        for (let i = 0; i < fields.length; i++) columns[i]!.addText(fields[i]!);
        rows++;
      }
    }
    fields = [];
    recordLine = line;
  }

  function write(chunk: Buffer | string) {
    let s = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (first && s.length > 0) {
      first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let start = 0;
    const n = s.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (afterCr) {
        afterCr = false;
        if (c === LF) {
          recordLine = line;
          continue;
        }
      }
      switch (state) {
        case S.FieldStart:
          if (c === QUOTE) {
            state = S.Quoted;
            start = i + 1;
          } else if (c === COMMA) {
            fields.push("");
          } else if (c === LF || c === CR) {
            fields.push("");
            line++;
            afterCr = c === CR;
            endRecord();
          } else {
            state = S.Unquoted;
            start = i;
          }
          break;
        case S.Unquoted:
          if (c === COMMA) {
            fields.push(pending + s.slice(start, i));
            pending = "";
            state = S.FieldStart;
          } else if (c === LF || c === CR) {
            fields.push(pending + s.slice(start, i));
            pending = "";
            state = S.FieldStart;
            line++;
            afterCr = c === CR;
            endRecord();
          }
          break;
        case S.Quoted: {
          const j = s.indexOf('"', i);
          const stop = j === -1 ? n : j;
          for (let k = i; k < stop; k++) if (s.charCodeAt(k) === LF) line++;
          if (j === -1) {
            i = n;
          } else {
            pending += s.slice(start, j);
            state = S.QuoteInQuoted;
            i = j;
          }
          break;
        }
        case S.QuoteInQuoted:
          if (c === QUOTE) {
            pending += '"';
            state = S.Quoted;
            start = i + 1;
          } else if (c === COMMA) {
            fields.push(pending);
            pending = "";
            state = S.FieldStart;
          } else if (c === LF || c === CR) {
            fields.push(pending);
            pending = "";
            state = S.FieldStart;
            line++;
            afterCr = c === CR;
            endRecord();
          } else {
            throw new DatasetFormatError(line, `unexpected character after a closing quote (write a quote inside a quoted field as "")`);
          }
          break;
      }
    }
    // A field still open at the chunk end keeps its text in `pending`; the next chunk resumes at offset 0.
    if (state === S.Unquoted || state === S.Quoted) pending += s.slice(start);
    if (pending.length > MAX_RECORD_CHARS) {
      throw new DatasetFormatError(recordLine, `a field is longer than ${MAX_RECORD_CHARS} characters (is a closing quote missing?)`);
    }
    if (fields.length > (header ? header.length : MAX_COLUMNS)) {
      throw new DatasetFormatError(recordLine, header ? `expected ${header.length} fields as in the header, found more` : `more than ${MAX_COLUMNS} columns`);
    }
  }

  return {
    write,
    end() {
      const rest = decoder.end();
      if (rest) write(rest);
      if (state === S.Quoted) throw new DatasetFormatError(recordLine, "a quoted field is not closed before the end of the file");
      if (state === S.Unquoted || state === S.QuoteInQuoted || fields.length > 0) {
        fields.push(pending);
        pending = "";
        state = S.FieldStart;
        endRecord();
      }
      if (!header) throw new DatasetFormatError(1, "the file is empty: a CSV file starts with a header row");
      return finish("csv", rows, columns);
    },
  };
}

/** JSON Lines: one JSON object per line; blank lines are skipped; columns are the union of keys in order of first use. */
function jsonlProfiler(): Profiler {
  const decoder = new StringDecoder("utf8");
  let buffer = "";
  let line = 0;
  let rows = 0;
  const byName = new Map<string, ColumnAccumulator>();
  const columns: ColumnAccumulator[] = [];

  function handle(text: string) {
    line++;
    const t = text.endsWith("\r") ? text.slice(0, -1) : text;
    if (t.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (err) {
      throw new DatasetFormatError(line, `invalid JSON (${(err as Error).message})`);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new DatasetFormatError(line, "expected a JSON object such as {\"a\": 1}");
    }
    for (const [k, v] of Object.entries(value)) {
      let col = byName.get(k);
      if (!col) {
        if (columns.length >= MAX_COLUMNS) throw new DatasetFormatError(line, `more than ${MAX_COLUMNS} distinct keys`);
        col = new ColumnAccumulator(k);
        byName.set(k, col);
        columns.push(col);
      }
      col.addJson(v);
    }
    rows++;
  }

  function write(chunk: Buffer | string) {
    buffer += typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (line === 0 && buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    let from = 0;
    for (let nl = buffer.indexOf("\n", from); nl !== -1; nl = buffer.indexOf("\n", from)) {
      handle(buffer.slice(from, nl));
      from = nl + 1;
    }
    buffer = from === 0 ? buffer : buffer.slice(from);
    if (buffer.length > MAX_RECORD_CHARS) throw new DatasetFormatError(line + 1, `a line is longer than ${MAX_RECORD_CHARS} characters`);
  }

  return {
    write,
    end() {
      write(decoder.end());
      if (buffer.length > 0) handle(buffer);
      buffer = "";
      if (rows === 0) throw new DatasetFormatError(Math.max(line, 1), "the file has no rows: JSON Lines holds one JSON object per line");
      return finish("jsonl", rows, columns);
    },
  };
}
