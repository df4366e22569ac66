import { parseEnv } from "@/env.mjs";

export type Env = ReturnType<typeof parseEnv>;

const g = globalThis as unknown as { __runboardEnv?: Env };

/** The validated environment, parsed once per process. */
export function env(): Env {
  return (g.__runboardEnv ??= parseEnv(process.env));
}
