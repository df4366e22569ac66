import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rules of docs/architecture.md live in eslint.config.mjs; these cases keep a reordered or
// edited config from silently letting a wrong import through.
const eslint = new ESLint({ cwd: process.cwd() });

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}
const RESTRICTED = "@typescript-eslint/no-restricted-imports";

// The first lint loads the config and parsers: seconds on a busy 2-core machine.
describe("layer rules", { timeout: 30_000 }, () => {
  it("keeps the database inside service verbs", async () => {
    const query = `import { eq } from "drizzle-orm";\nimport { cards } from "@/db/schema";\nexport const q = [eq, cards];\n`;
    expect(await rulesBroken("server/trpc/routers/example.ts", query)).toEqual([RESTRICTED, RESTRICTED]);
    expect(await rulesBroken("server/http/example.ts", query)).toEqual([RESTRICTED, RESTRICTED]);
    expect(await rulesBroken("app/example/page.tsx", query)).toEqual([RESTRICTED, RESTRICTED]);
    expect(await rulesBroken("server/services/agile/example.ts", query)).toEqual([]);
    expect(await rulesBroken("server/trpc/routers/example.ts", `import type { Db } from "@/db/client";\nexport type D = Db;\n`)).toEqual([]);
  });

  it("never lets a service import an adapter or the UI", async () => {
    for (const from of ["@/server/trpc/init", "@/server/http/rest", "@/components/ui/button"]) {
      expect(await rulesBroken("server/services/agile/example.ts", `import { x } from "${from}";\nexport const y = x;\n`)).toEqual([RESTRICTED]);
    }
  });

  it("keeps the runner agent free of the web app", async () => {
    expect(await rulesBroken("runner/example.ts", `import { ServiceError } from "@/server/services/errors";\nexport const e = ServiceError;\n`)).toEqual([RESTRICTED]);
    expect(await rulesBroken("runner/example.ts", `import type { Db } from "@/db/client";\nexport type D = Db;\n`)).toEqual([RESTRICTED]);
    expect(await rulesBroken("runner/example.ts", `import { JobSpec } from "./protocol";\nexport const s = JobSpec;\n`)).toEqual([]);
  });

  it("gives components server types but no server code", async () => {
    expect(await rulesBroken("components/example.tsx", `import { JOB_TAG } from "@/server/services/tracking/tags";\nexport const t = JOB_TAG;\n`)).toEqual([RESTRICTED]);
    expect(await rulesBroken("components/example.tsx", `import type { AppRouter } from "@/server/trpc/root";\nexport type R = AppRouter;\n`)).toEqual([]);
  });

  it("caps files at 300 lines and components at 150", async () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i};`).join("\n");
    expect(await rulesBroken("server/services/agile/example.ts", `export function f() {\n${lines(300)}\n  return v0;\n}\n`)).toContain("max-lines");
    expect(await rulesBroken("components/example.tsx", `export function View() {\n${lines(150)}\n  return v0;\n}\n`)).toContain("max-lines-per-function");
  });
});
