import type { ColumnStats, DatasetFormat, SchemaColumn } from "@/db/schema";
import { BadRequestError } from "../errors";
import type { ColumnAccumulator } from "./column-stats";

export const MAX_COLUMNS = 2000;
/** One CSV record or JSON line may not exceed this many characters (a missing closing quote would otherwise buffer the file). */
export const MAX_RECORD_CHARS = 8 * 1024 * 1024;

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

export interface Profiler {
  write(chunk: Buffer | string): void;
  end(): DatasetProfile;
}

/** The profile of a file read to the end: its row count, schema and per-column statistics. */
export function finish(format: DatasetFormat, rowCount: number, columns: ColumnAccumulator[]): DatasetProfile {
  const stats = columns.map((c) => c.stats(rowCount));
  return { format, rowCount, schema: stats.map((s) => ({ name: s.name, type: s.type })), stats };
}
