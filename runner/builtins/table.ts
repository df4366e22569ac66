/** Tabular data for the built-ins: CSV (RFC 4180) or JSONL rows → a Float64 feature matrix and 0/1 labels. */

export type Cell = string | number | boolean | null;
export interface Table {
  columns: string[];
  rows: Cell[][];
}

/** RFC 4180 CSV: a header row, quoted fields with "" escapes, CRLF or LF; empty fields are null. */
export function parseCsv(text: string): Table {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") endField();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endField();
      records.push(record);
      record = [];
    } else field += ch;
  }
  if (field !== "" || record.length) {
    endField();
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0] === ""));
  const [header, ...body] = nonEmpty;
  if (!header) throw new Error("the CSV file is empty");
  return { columns: header, rows: body.map((r) => header.map((_, j) => (r[j] === undefined || r[j] === "" ? null : r[j]!))) };
}

/** One JSON object per line; columns in order of first appearance. */
export function parseJsonl(text: string): Table {
  const objs = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l, i) => {
      const v = JSON.parse(l) as unknown;
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`line ${i + 1} is not a JSON object`);
      return v as Record<string, unknown>;
    });
  const columns = [...new Set(objs.flatMap((o) => Object.keys(o)))];
  const cell = (v: unknown): Cell => (v === undefined || v === null ? null : typeof v === "number" || typeof v === "boolean" || typeof v === "string" ? v : JSON.stringify(v));
  return { columns, rows: objs.map((o) => columns.map((c) => cell(o[c]))) };
}

export function parseTable(text: string, format: "csv" | "jsonl"): Table {
  return format === "jsonl" ? parseJsonl(text) : parseCsv(text);
}

/** A cell as a number: numbers, numeric strings, booleans (true = 1); anything else is null. */
export function numeric(c: Cell): number | null {
  if (c === null) return null;
  if (typeof c === "number") return Number.isFinite(c) ? c : null;
  if (typeof c === "boolean") return c ? 1 : 0;
  const t = c.trim().toLowerCase();
  if (t === "true") return 1;
  if (t === "false") return 0;
  if (t === "" || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/** The label as text: booleans and booleans-as-strings lower-case, numbers canonical. */
export function labelText(c: Cell): string | null {
  if (c === null) return null;
  if (typeof c === "boolean") return String(c);
  if (typeof c === "number") return String(c);
  const t = c.trim();
  if (/^(true|false)$/i.test(t)) return t.toLowerCase();
  const n = numeric(t);
  return n !== null ? String(n) : t;
}

/** Columns whose every non-empty value is numeric or boolean (and at least one value is present). */
export function numericColumns(t: Table): string[] {
  return t.columns.filter((_, j) => {
    let seen = false;
    for (const r of t.rows) {
      if (r[j] === null) continue;
      if (numeric(r[j]!) === null) return false;
      seen = true;
    }
    return seen;
  });
}

/** For two label values, which counts as positive: "true", "1", else the later one in sort order. */
export function defaultPositiveLabel(values: string[]): string {
  if (values.includes("true")) return "true";
  if (values.includes("1")) return "1";
  return [...values].sort().at(-1)!;
}

export interface Matrix {
  /** Row-major, rows × cols. */
  x: Float64Array;
  y: Float64Array;
  rows: number;
  cols: number;
  /** Rows left out for a missing or non-numeric feature or a missing label. */
  dropped: number;
}

/** Builds the feature matrix and 0/1 labels (1 = `positive`); rows with a missing feature or label are dropped. */
export function toMatrix(t: Table, features: string[], target: string, positive: string): Matrix {
  const idx = features.map((f) => {
    const j = t.columns.indexOf(f);
    if (j < 0) throw new Error(`the dataset has no column '${f}'`);
    return j;
  });
  const ti = t.columns.indexOf(target);
  if (ti < 0) throw new Error(`the dataset has no target column '${target}'`);
  const x: number[] = [];
  const y: number[] = [];
  let dropped = 0;
  for (const r of t.rows) {
    const label = labelText(r[ti]!);
    const vals = idx.map((j) => numeric(r[j]!));
    if (label === null || vals.some((v) => v === null)) {
      dropped++;
      continue;
    }
    x.push(...(vals as number[]));
    y.push(label === positive ? 1 : 0);
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y), rows: y.length, cols: features.length, dropped };
}

/** Rows `idx` of a matrix. */
export function takeRows(m: Matrix, idx: number[]): Matrix {
  const x = new Float64Array(idx.length * m.cols);
  const y = new Float64Array(idx.length);
  idx.forEach((r, i) => {
    x.set(m.x.subarray(r * m.cols, (r + 1) * m.cols), i * m.cols);
    y[i] = m.y[r]!;
  });
  return { x, y, rows: idx.length, cols: m.cols, dropped: 0 };
}

/** Column means and standard deviations (population; a constant column gets 1 so it passes through centred). */
export function standardisation(m: Matrix): { mean: number[]; std: number[] } {
  const mean = new Array<number>(m.cols).fill(0);
  const std = new Array<number>(m.cols).fill(0);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) mean[c]! += m.x[r * m.cols + c]! / m.rows;
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) std[c]! += (m.x[r * m.cols + c]! - mean[c]!) ** 2 / m.rows;
  return { mean, std: std.map((v) => (v > 1e-24 ? Math.sqrt(v) : 1)) };
}

export function standardise(m: Matrix, s: { mean: number[]; std: number[] }): Matrix {
  const x = new Float64Array(m.x.length);
  for (let r = 0; r < m.rows; r++) for (let c = 0; c < m.cols; c++) x[r * m.cols + c] = (m.x[r * m.cols + c]! - s.mean[c]!) / s.std[c]!;
  return { ...m, x };
}
