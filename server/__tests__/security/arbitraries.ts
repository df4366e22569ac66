import fc from "fast-check";
import type { JsonSchema } from "./routes";

/**
 * fast-check arbitraries from the JSON Schema zod writes for a procedure's input (`z.toJSONSchema`),
 * and the mutations the fuzz suite applies to valid inputs. `hints` replace the values of named
 * properties (org slugs, project keys, ids of seeded rows) most of the time, so generated calls
 * reach past "not found" into the services.
 */

export type Hints = Record<string, fc.Arbitrary<unknown>>;
const MAX_DEPTH = 4;

export function arbitraryFor(schema: JsonSchema, hints: Hints = {}, root: JsonSchema = schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const name = String(schema.$ref).split("/").pop()!;
    const target = root.$defs?.[name] ?? root.definitions?.[name];
    if (!target || depth > MAX_DEPTH) return fc.constant(null);
    return arbitraryFor(target, hints, root, depth + 1);
  }
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) return fc.oneof(...union.map((s: JsonSchema) => arbitraryFor(s, hints, root, depth + 1)));
  if (Array.isArray(schema.allOf)) return arbitraryFor(mergeAll(schema.allOf), hints, root, depth);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((t: string) => arbitraryFor({ ...schema, type: t }, hints, root, depth)));
  switch (schema.type) {
    case "string":
      return stringFor(schema);
    case "integer":
    case "number":
      return numberFor(schema);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (depth > MAX_DEPTH) return fc.constant([]);
      const items = Array.isArray(schema.prefixItems)
        ? fc.tuple(...schema.prefixItems.map((s: JsonSchema) => arbitraryFor(s, hints, root, depth + 1)))
        : fc.array(arbitraryFor(schema.items ?? {}, hints, root, depth + 1), {
            minLength: schema.minItems ?? 0,
            maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
          });
      return items;
    }
    case "object":
      return objectFor(schema, hints, root, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function mergeAll(schemas: JsonSchema[]): JsonSchema {
  const out: JsonSchema = {};
  for (const s of schemas) {
    Object.assign(out, s, { properties: { ...out.properties, ...s.properties }, required: [...(out.required ?? []), ...(s.required ?? [])] });
  }
  return out;
}

function objectFor(schema: JsonSchema, hints: Hints, root: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, s] of Object.entries(props)) {
    const own = arbitraryFor(s, hints, root, depth + 1);
    const hint = hints[key];
    model[key] = hint ? fc.oneof({ weight: 5, arbitrary: hint }, { weight: 1, arbitrary: own }) : own;
  }
  const requiredKeys = ((schema.required ?? []) as string[]).filter((k) => k in model);
  const record = fc.record(model, { requiredKeys });
  const extra = schema.additionalProperties;
  if (extra && typeof extra === "object" && !Object.keys(props).length && depth <= MAX_DEPTH) {
    return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), arbitraryFor(extra, hints, root, depth + 1), { maxKeys: 3 });
  }
  return record;
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 24, 24));
  const fit = (a: fc.Arbitrary<string>) => a.map((s) => (s.length > (schema.maxLength ?? Infinity) ? s.slice(0, schema.maxLength) : s));
  switch (schema.format) {
    case "uuid":
      return fc.uuid();
    case "email":
      return fc.emailAddress();
    case "date-time":
      return fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
    case "date":
      return fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case "uri":
      return fc.webUrl();
  }
  if (schema.pattern) {
    try {
      return fit(fc.stringMatching(new RegExp(schema.pattern)));
    } catch {
      // an ECMAScript pattern fast-check cannot generate from: plain strings (mostly refused, still worth sending)
    }
  }
  return fc.string({ minLength: min, maxLength: max, unit: "grapheme" });
}

function numberFor(schema: JsonSchema): fc.Arbitrary<number> {
  const lo = schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum : schema.minimum;
  const hi = schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum : schema.maximum;
  if (schema.type === "integer") {
    const min = Math.max(lo ?? -1_000_000, Number.MIN_SAFE_INTEGER) + (schema.exclusiveMinimum !== undefined ? 1 : 0);
    const max = Math.min(hi ?? 1_000_000, Number.MAX_SAFE_INTEGER) - (schema.exclusiveMaximum !== undefined ? 1 : 0);
    return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
  }
  return fc.double({ min: lo ?? -1e9, max: hi ?? 1e9, noNaN: true, noDefaultInfinity: true, minExcluded: schema.exclusiveMinimum !== undefined, maxExcluded: schema.exclusiveMaximum !== undefined });
}

// ---- mutations of a valid input ----

export const MUTATIONS = [
  "nul-char",
  "lone-surrogate",
  "huge-string",
  "deep-nesting",
  "proto-keys",
  "wrong-type",
  "extra-keys",
  "odd-number",
  "empty-object",
  "missing-key",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

const ODD_NUMBERS = [NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53 + 2, 5e-324, 2 ** 31, -(2 ** 31) - 1, 2 ** 63];
const WRONG_TYPES: unknown[] = [null, true, 0, -1, "", "x", [], {}, [1, "a"], { a: 1 }];
export const HUGE = "x".repeat(1024 * 1024);

export function deeplyNested(levels: number, kind: "object" | "array" = "object"): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = kind === "object" ? { a: v } : [v];
  return v;
}

/**
 * A value nested `levels` deep, kept as a marker: Node's JSON.stringify and structuredClone overflow
 * the stack long before 5,000 levels (JSON.parse does not), so the HTTP fuzzers write it as raw
 * JSON text (toJson) and the tRPC fuzzer builds the real object (materialize).
 */
export class Deep {
  constructor(
    readonly levels: number,
    readonly kind: "object" | "array",
  ) {}
  get json() {
    return this.kind === "object" ? `${'{"a":'.repeat(this.levels)}1${"}".repeat(this.levels)}` : `${"[".repeat(this.levels)}1${"]".repeat(this.levels)}`;
  }
}

const DEEP_TOKEN = /"\\u0001deep(\d+)(object|array)\\u0001"/g;

/** JSON.stringify that writes Deep markers as their raw nested text. */
export function toJson(v: unknown): string {
  const text = JSON.stringify(v, (_k, x: unknown) => (x instanceof Deep ? `\u0001deep${x.levels}${x.kind}\u0001` : x)) ?? "";
  return text.replace(DEEP_TOKEN, (_, n: string, kind: "object" | "array") => new Deep(Number(n), kind).json);
}

/** The input with Deep markers replaced by the real nested values. */
export function materialize(v: unknown): unknown {
  if (v instanceof Deep) return deeplyNested(v.levels, v.kind);
  if (Array.isArray(v)) return v.map(materialize);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialize(x)]));
  return v;
}

type Leaf = { parent: Record<string, unknown> | unknown[]; key: string | number; value: unknown };

function leaves(v: unknown, out: Leaf[] = [], depth = 0): Leaf[] {
  if (depth > 6 || v === null || typeof v !== "object") return out;
  for (const [k, child] of Object.entries(v)) {
    const key = Array.isArray(v) ? Number(k) : k;
    out.push({ parent: v as Record<string, unknown>, key, value: child });
    leaves(child, out, depth + 1);
  }
  return out;
}

/** Applies `mutation` to a deep copy of `valid`; `pick` and `variant` choose the leaf and the value. */
export function mutate(valid: unknown, mutation: Mutation, pick: number, variant: number): unknown {
  const v = structuredClone(valid);
  const all = leaves(v);
  const strings = all.filter((l) => typeof l.value === "string");
  const numbers = all.filter((l) => typeof l.value === "number");
  const at = <T>(list: T[]) => list[pick % Math.max(list.length, 1)];
  const set = (l: Leaf | undefined, value: unknown) => {
    if (!l) return { ...(isObject(v) ? v : {}), [`k${variant % 5}`]: value };
    (l.parent as Record<string | number, unknown>)[l.key] = value;
    return v;
  };
  switch (mutation) {
    case "nul-char":
      return set(at(strings) ?? at(all), `${String(at(strings)?.value ?? "a")}\u0000b`);
    case "lone-surrogate":
      return set(at(strings) ?? at(all), variant % 2 ? "\ud800" : `a\udfffb`);
    case "huge-string":
      return set(at(strings) ?? at(all), HUGE);
    case "deep-nesting":
      return set(at(all), new Deep(5000, variant % 2 ? "array" : "object"));
    case "proto-keys":
      return { ...(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1}}') as object), ...(isObject(v) ? v : {}) };
    case "wrong-type":
      return set(at(all), WRONG_TYPES[variant % WRONG_TYPES.length]);
    case "extra-keys":
      return isObject(v) ? { ...v, [`extra${variant % 7}`]: variant % 2 ? "x" : { y: [1] }, toString: "x", valueOf: 1 } : v;
    case "odd-number":
      return set(at(numbers) ?? at(all), ODD_NUMBERS[variant % ODD_NUMBERS.length]);
    case "empty-object":
      return {};
    case "missing-key": {
      const top = isObject(v) ? Object.keys(v) : [];
      if (top.length && isObject(v)) delete v[top[pick % top.length]!];
      return v;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export interface Case {
  cls: "valid" | Mutation;
  input: unknown;
}

/** `runs` valid inputs and twice as many mutated ones (every mutation at least once), reproducible from `seed`. */
export function casesFor(schema: JsonSchema, hints: Hints, runs: number, seed: number): Case[] {
  const valid = arbitraryFor(schema, hints);
  const validCases = fc.sample(valid, { seed, numRuns: runs }).map((input) => ({ cls: "valid" as const, input }));
  const count = Math.max(runs * 2, MUTATIONS.length);
  const mutated = fc.sample(fc.tuple(valid, fc.nat(), fc.nat()), { seed: seed + 1, numRuns: count }).map(([input, pick, variant], i) => {
    const cls = MUTATIONS[i % MUTATIONS.length]!;
    return { cls, input: mutate(input, cls, pick, variant) };
  });
  return [...validCases, ...mutated];
}
