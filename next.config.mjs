import { parseEnv } from "./env.mjs";

parseEnv(process.env);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its wasm from disk: bundling it breaks the first database open.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "@node-rs/bcrypt"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
