import { StringDecoder } from "node:string_decoder";
import { ColumnAccumulator } from "./column-stats";
import { DatasetFormatError, finish, MAX_COLUMNS, MAX_RECORD_CHARS, type Profiler } from "./profiling";

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
export function csvProfiler(): Profiler {
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
