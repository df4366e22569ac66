import type { DatasetFormat } from "@/db/schema";
import { csvProfiler } from "./csv-profiler";
import { jsonlProfiler } from "./jsonl-profiler";
import type { Profiler } from "./profiling";
import { strictUtf8 } from "./strict-utf8";

export { DISTINCT_CAP, TOP_N } from "./column-stats";
export { DatasetFormatError, MAX_COLUMNS, MAX_RECORD_CHARS, type DatasetProfile, type Profiler } from "./profiling";

/**
 * Reads a CSV or JSON Lines file chunk by chunk and profiles it: row count, schema, per-column
 * statistics. The bytes must be UTF-8 without NUL (the line and byte of the first bad one are named).
 */
export function createProfiler(format: DatasetFormat): Profiler {
  return strictUtf8(format === "csv" ? csvProfiler() : jsonlProfiler());
}
