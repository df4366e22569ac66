import { StringDecoder } from "node:string_decoder";
import { isStorableText } from "@/lib/text";
import { ColumnAccumulator } from "./column-stats";
import { DatasetFormatError, finish, MAX_COLUMNS, MAX_RECORD_CHARS, type Profiler } from "./profiling";

/** Objects and arrays may nest this deep in one line; deeper values would overflow the stack when profiled. */
export const MAX_JSON_DEPTH = 100;

/** Refuses a value nested past MAX_JSON_DEPTH or holding a string the database cannot store (escaped NUL or lone surrogate). Iterative. */
function checkValue(value: unknown, line: number) {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === "string") {
      if (!isStorableText(v)) throw new DatasetFormatError(line, "a string holds a NUL character or an unpaired surrogate, which a dataset may not hold");
    } else if (v !== null && typeof v === "object") {
      if (depth > MAX_JSON_DEPTH) throw new DatasetFormatError(line, `objects and arrays are nested more than ${MAX_JSON_DEPTH} levels deep`);
      for (const [k, item] of Object.entries(v)) {
        if (!isStorableText(k)) throw new DatasetFormatError(line, "a key holds a NUL character or an unpaired surrogate, which a dataset may not hold");
        stack.push([item, depth + 1]);
      }
    }
  }
}

/** JSON Lines: one JSON object per line; blank lines are skipped; columns are the union of keys in order of first use. */
export function jsonlProfiler(): Profiler {
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
    checkValue(value, line);
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
