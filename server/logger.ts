import pino from "pino";
import { env } from "./env";

const g = globalThis as unknown as { __runboardLogger?: pino.Logger };

/** Structured JSON logs; credentials and tokens are redacted wherever they appear in a logged object. */
export const logger: pino.Logger = (g.__runboardLogger ??= pino({
  level: env().LOG_LEVEL,
  base: { service: "runboard-web" },
  redact: {
    paths: ["password", "*.password", "token", "*.token", "authorization", "*.authorization", "headers.cookie", "*.headers.cookie"],
    censor: "[redacted]",
  },
}));
