import path from "node:path";
import { parseEnv } from "@/env.mjs";
import { openDatabase } from "./client";

/** Opens the database the server would use (for the CLI scripts; never while the server runs on PGlite). */
export function openFromEnv() {
  const env = parseEnv(process.env);
  const dataDir = path.resolve(env.RUNBOARD_DATA_DIR);
  const open = env.DATABASE_URL
    ? openDatabase({ kind: "postgres", url: env.DATABASE_URL, allowUnsafeDurability: env.RUNBOARD_ALLOW_UNSAFE_DURABILITY })
    : openDatabase({ kind: "pglite", dir: path.join(dataDir, "pglite") });
  return open.then((database) => ({ database, dataDir }));
}
