import { parseEnv } from "./env.mjs";

parseEnv(process.env);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its wasm from disk: bundling it breaks the first database open.
  serverExternalPackages: ["@electric-sql/pglite", "pino", "@node-rs/bcrypt"],
  poweredByHeader: false,
  // Static security headers on every response; the per-request CSP (with its nonce) comes from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
      {
        // Pages get HSTS from proxy.ts; the APIs here, when a TLS-terminating proxy says so.
        source: "/:prefix(api|mlflow)/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
    ];
  },
  typedRoutes: false,
};

export default nextConfig;
