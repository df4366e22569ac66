/** Errors that services throw; the adapters (tRPC, REST, MLflow, runner) map them in one place each. */
export type ServiceErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS";

/** `field`: the dotted input path the message is about (`endDate`, `job.spec.command`); the message does not repeat it. */
export interface FieldOption {
  field?: string;
}

export class ServiceError extends Error {
  readonly field: string | undefined;
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    { field }: FieldOption = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

export class BadRequestError extends ServiceError {
  constructor(message: string, opts?: FieldOption) {
    super("BAD_REQUEST", message, opts);
  }
}
export class UnauthorizedError extends ServiceError {
  constructor(message = "Sign in or send a valid API token") {
    super("UNAUTHORIZED", message);
  }
}
export class ForbiddenError extends ServiceError {
  constructor(message: string) {
    super("FORBIDDEN", message);
  }
}
export class NotFoundError extends ServiceError {
  constructor(what: string, message?: string, opts?: FieldOption) {
    super("NOT_FOUND", message ?? `${what} not found`, opts);
  }
}
export class ConflictError extends ServiceError {
  constructor(message: string, opts?: FieldOption) {
    super("CONFLICT", message, opts);
  }
}
/** `retryAfterSeconds`: when to try again, sent as the `Retry-After` header where the adapter can. */
export class TooManyRequestsError extends ServiceError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super("TOO_MANY_REQUESTS", message);
  }
}

export const HTTP_STATUS: Record<ServiceErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

/**
 * The message as adapters without structured field errors (REST, MLflow, runner, downloads) show
 * it: "endDate: must not be before startDate", so a person can still see which field to fix.
 */
export function messageNamingField(err: ServiceError): string {
  return err.field ? `${err.field}: ${err.message}` : err.message;
}

/** Postgres unique violation, raised by both node-postgres and PGlite. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * SQLSTATEs where PostgreSQL refuses the value itself, not the request's logic: a NUL or invalid byte
 * sequence (22021), an escape jsonb cannot hold (22P05), a malformed literal (22P02), a value out of
 * range or too long (22003, 22001), a value past an internal size limit (54000). The input schemas
 * refuse these first; this is the last line, so such a value answers 400 instead of 500.
 */
const VALUE_REFUSED = new Set(["22001", "22003", "22021", "22P02", "22P05", "54000"]);

/** `err` as the adapters should answer it: a database refusal of a value becomes a BadRequestError. */
export function asServiceError(err: unknown): unknown {
  if (err instanceof ServiceError) return err;
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && VALUE_REFUSED.has(code)) {
      return new BadRequestError("a value could not be stored: it holds characters or a size the database does not accept");
    }
  }
  return err;
}
