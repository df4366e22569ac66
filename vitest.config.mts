import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: { alias: { "@": root, "server-only": path.join(root, "server/testing-server-only.ts") } },
  test: {
    environment: "node",
    server: { deps: { inline: ["next-auth"] } },
    env: { LOG_LEVEL: "silent", AUTH_SECRET: "test-secret-test-secret-test-secret-123" },
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: ["**/*.int.test.ts", "node_modules/**", "e2e/**", ".next/**"] } },
      {
        extends: true,
        test: { name: "integration", include: ["**/*.int.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 },
      },
    ],
  },
});
