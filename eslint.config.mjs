import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// The layers of docs/architecture.md, enforced. Type-only imports cross layers freely: a type
// carries no code to the other side (components may name a server row type, a router the Db type).
const TESTS = ["**/__tests__/**", "**/*.test.ts", "**/testing.ts", "**/testing-*.ts"];
const layer = (message, ...group) => ({ group, message, allowTypeImports: true });
const DATABASE = layer(
  "Only service verbs (server/services/) touch the database: call one instead, or import the type with `import type`.",
  "drizzle-orm", "drizzle-orm/*", "@/db", "@/db/*",
);
const ADAPTERS = layer(
  "Services are called by adapters, never the other way round: move what you need into server/services/.",
  "@/server/trpc", "@/server/trpc/*", "@/server/http", "@/server/http/*", "@/app/*", "@/components/*",
);
const SERVER_CODE = layer(
  "The browser bundle takes no server code: import types only (`import type`), or move a shared constant into lib/.",
  "@/server", "@/server/*",
);
const WEB_APP = {
  group: ["@/server", "@/server/*", "@/db", "@/db/*", "@/app/*", "@/components/*", "../server/*", "../../server/*", "../db/*", "../../db/*"],
  message: "The runner agent runs on machines without the web app: share only the wire contract in runner/protocol.ts.",
};
const restrict = (...patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "db/migrations/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  // Layering: each file falls in exactly one of these blocks (a later block would replace the rule).
  { files: ["server/services/**/*.ts"], ignores: TESTS, rules: restrict(ADAPTERS) },
  {
    files: ["server/**/*.ts", "app/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts"],
    ignores: [...TESTS, "server/services/**"],
    rules: restrict(DATABASE),
  },
  { files: ["components/**/*.{ts,tsx}"], ignores: TESTS, rules: restrict(DATABASE, SERVER_CODE) },
  { files: ["runner/**/*.ts"], ignores: TESTS, rules: restrict(WEB_APP) },
  {
    // Size: a file or component past these is doing several things; split it by concept.
    files: ["components/**/*.{ts,tsx}", "server/**/*.ts"],
    rules: { "max-lines": ["error", { max: 300 }] },
  },
  {
    files: ["components/**/*.tsx", "app/**/*.tsx"],
    rules: { "max-lines-per-function": ["error", { max: 150 }] },
  },
  {
    files: ["**/*.mjs", "scripts/**"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Benchmarks also run code inside the page (window, requestAnimationFrame).
    files: ["bench/**/*.mjs"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
