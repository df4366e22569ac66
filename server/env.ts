import { parseEnv } from "@/env.mjs";

export type Env = ReturnType<typeof parseEnv>;

const g = globalThis as unknown as { __runboardEnv?: Env };

/** The validated environment, parsed once per process. */
export function env(): Env {
  return (g.__runboardEnv ??= parseEnv(process.env));
}

/** Parses the environment again (tests that change `process.env`, such as SMTP_URL for a mail sink). */
export function reloadEnv(): Env {
  return (g.__runboardEnv = parseEnv(process.env));
}

/**
 * An absolute link into the app for people outside a request (emails): AUTH_URL when set, else the
 * address `npm start` serves. Never built from a request's Host header, which a client controls.
 */
export function appUrl(path: string): string {
  const e = env();
  const host = e.HOST === "0.0.0.0" || e.HOST === "::" ? "localhost" : e.HOST;
  const base = e.AUTH_URL ?? `http://${host.includes(":") ? `[${host}]` : host}:${e.PORT}`;
  return new URL(path.replace(/^\/+/, ""), base.endsWith("/") ? base : `${base}/`).toString();
}
