import pino from "pino";
import { env } from "./env";

const g = globalThis as unknown as { __runboardLogger?: pino.Logger };

/**
 * What is kept of an error: its type, message and stack (without query parameters), and the fields
 * that say what failed without saying with which values — SQLSTATE `code`, constraint, table, column.
 * Dropped: a failed query's `params` (password hashes at sign-up, token hashes), PostgreSQL's
 * `detail` ("Key (token_hash)=(…) already exists"), `hint`, `where`, and any other property.
 */
const KEPT_FIELDS = ["code", "errno", "syscall", "severity", "constraint", "table", "column", "schema", "dataType", "routine", "field", "query"] as const;
const MAX_CAUSES = 5;

type ErrorLike = Error & Record<string, unknown>;
const isErrorLike = (e: unknown): e is ErrorLike => e instanceof Error || (typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string");

/** Drizzle's DrizzleQueryError says `Failed query: <sql>\nparams: <values>`; wrappers (TRPCError) copy that message and stack. */
function queryMessages(err: ErrorLike): Map<string, string> {
  const found = new Map<string, string>();
  for (let e: unknown = err, depth = 0; isErrorLike(e) && depth <= MAX_CAUSES; e = e.cause, depth++) {
    const clean = typeof e.query === "string" ? `Failed query: ${e.query}` : null;
    if (clean && e.message.startsWith(`${clean}\nparams: `)) found.set(e.message, clean);
  }
  return found;
}

function withoutParams(text: string, known: Map<string, string>): string {
  for (const [raw, clean] of known) text = text.split(raw).join(clean);
  // A params list that reached a message some other way is cut up to the stack frames.
  return text.replace(/\nparams: [\s\S]*?(?=\n {4}at |$)/, "\nparams: [not logged]");
}

function serialize(err: ErrorLike, known: Map<string, string>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.constructor?.name ?? "Error", message: withoutParams(err.message, known) };
  if (typeof err.stack === "string") out.stack = withoutParams(err.stack, known);
  for (const field of KEPT_FIELDS) {
    const value = err[field];
    if (typeof value === "string" || typeof value === "number") out[field] = value;
  }
  if (isErrorLike(err.cause) && depth < MAX_CAUSES) out.cause = serialize(err.cause, known, depth + 1);
  return out;
}

/** The one error serializer of every log line (`err` and `error` keys): query text and SQLSTATE, never parameter values. */
export function serializeError(err: unknown): unknown {
  return isErrorLike(err) ? serialize(err, queryMessages(err), 0) : err;
}

/** A logger with Runboard's options; tests pass a destination to read what would be logged. */
export function createLogger(destination?: pino.DestinationStream, level: pino.LevelWithSilent = env().LOG_LEVEL): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "runboard-web" },
    serializers: { err: serializeError, error: serializeError },
    hooks: {
      // pino makes `logger.error(err)`'s message from err.message: clean it like the serialized copy.
      logMethod(args, method) {
        const [first, second] = args as unknown[];
        if (isErrorLike(first) && typeof second !== "string") return method.call(this, first, withoutParams(first.message, queryMessages(first)));
        return method.apply(this, args.map((a: unknown) => (typeof a === "string" ? withoutParams(a, new Map()) : a)) as Parameters<pino.LogFn>);
      },
    },
    redact: {
      paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "headers.cookie", "*.headers.cookie"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Structured JSON logs; credentials and tokens are redacted wherever they appear in a logged object. */
export const logger: pino.Logger = (g.__runboardLogger ??= createLogger());
