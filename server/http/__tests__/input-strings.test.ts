import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ROUTES } from "@/server/http/mlflow/routes";
import { appRouter } from "@/server/trpc/root";

// Every string an input schema accepts, of every tRPC procedure (and so every REST route) and every
// MLflow route, found from the schemas themselves so a new procedure is covered without being listed
// here: a NUL or an unpaired surrogate in it must be refused at its path, never reach the database.
interface Js {
  type?: string | string[];
  properties?: Record<string, Js>;
  items?: Js;
  prefixItems?: Js[];
  anyOf?: Js[];
  oneOf?: Js[];
  allOf?: Js[];
  additionalProperties?: Js | boolean;
  const?: unknown;
  enum?: unknown[];
}
type Path = (string | number)[];
interface Leaf {
  path: Path;
  build: (bad: string) => unknown;
}

function* leaves(js: Js, depth = 0): Generator<Leaf> {
  if (depth > 12) return;
  for (const branch of [...(js.anyOf ?? []), ...(js.oneOf ?? []), ...(js.allOf ?? [])]) yield* leaves(branch, depth + 1);
  const types = Array.isArray(js.type) ? js.type : js.type ? [js.type] : [];
  if (types.includes("string") && js.enum === undefined && js.const === undefined) yield { path: [], build: (bad) => bad };
  if (types.includes("object") && js.properties) {
    // Discriminators (`kind: "command"`) go along, so the union picks the branch being probed.
    const consts = Object.fromEntries(Object.entries(js.properties).flatMap(([k, p]) => (p.const !== undefined ? [[k, p.const]] : [])));
    for (const [key, prop] of Object.entries(js.properties)) {
      for (const leaf of leaves(prop, depth + 1)) yield { path: [key, ...leaf.path], build: (bad) => ({ ...consts, [key]: leaf.build(bad) }) };
    }
  }
  if (types.includes("object") && typeof js.additionalProperties === "object") {
    for (const leaf of leaves(js.additionalProperties, depth + 1)) yield { path: ["X", ...leaf.path], build: (bad) => ({ X: leaf.build(bad) }) };
  }
  if (types.includes("array") && js.items) {
    for (const leaf of leaves(js.items, depth + 1)) yield { path: [0, ...leaf.path], build: (bad) => [leaf.build(bad)] };
  }
}

function schemas(): [string, z.ZodType][] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: z.ZodType[] } }>;
  const trpc = Object.entries(procedures).flatMap(([name, p]) => p._def.inputs.map((input, i) => [`trpc ${name}#${i}`, input] as [string, z.ZodType]));
  const mlflow = Object.entries(ROUTES).map(([path, route]) => [`mlflow ${path}`, route.schema] as [string, z.ZodType]);
  return [...trpc, ...mlflow];
}

const BAD = ["a\u0000b", "a\ud800b", "\udc00"];

describe("every input string refuses NUL and unpaired surrogates", () => {
  it("finds the inputs' strings (the walk itself works)", () => {
    const all = schemas().flatMap(([name, schema]) => [...leaves(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Js)].map((l) => `${name} ${l.path.join(".")}`));
    expect(all).toEqual(expect.arrayContaining(["trpc cards.create#1 title", "trpc jobs.create#1 spec.env.X", "mlflow runs/log-batch params.0.value", "mlflow runs/search filter"]));
    expect(all.length).toBeGreaterThan(150);
  });

  it.each(schemas())("%s", (_name, schema) => {
    const accepted: string[] = [];
    for (const leaf of leaves(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Js)) {
      for (const bad of BAD) {
        const result = schema.safeParse(leaf.build(bad));
        const at = leaf.path.join(".");
        const refused = !result.success && result.error.issues.some((i) => i.path.join(".") === at);
        if (!refused) accepted.push(`${at} = ${JSON.stringify(bad)}`);
      }
    }
    expect(accepted).toEqual([]);
  });
});
