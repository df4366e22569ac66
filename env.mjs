// One place that reads and checks the environment. Imported by next.config.mjs, scripts/start.mjs
// and the server, so a bad value stops the build or the start with a message naming the variable.
import { z } from "zod";

const flag = (fallback) =>
  z
    .enum(["0", "1", "true", "false"])
    .default(fallback)
    .transform((v) => v === "1" || v === "true");

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("localhost"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  RUNBOARD_DATA_DIR: z.string().min(1).default(".data"),
  RUNBOARD_DEMO: flag("1"),
  RUNBOARD_LOCAL_RUNNER: flag("1"),
  RUNBOARD_ALLOW_UNSAFE_DURABILITY: flag("0"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUTH_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  /** Number of reverse proxies in front of Runboard: the client address is read from `X-Forwarded-For` only when set. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9])$/, "must be how many proxies stand in front (0-9), or true for one")
    .default("0")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v))),
  AUTH_SIGNUPS_PER_SOURCE_PER_HOUR: z.coerce.number().int().min(1).default(20),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  SMTP_FROM: z.string().min(3).default("Runboard <runboard@localhost>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/**
 * Parses an environment; empty strings count as unset. Throws an Error whose message names each bad variable.
 * @param {Record<string, string | undefined>} [source]
 */
export function parseEnv(source = process.env) {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
