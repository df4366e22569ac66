import type { JsonSchema } from "./openapi-types";

/** Short type label for a schema: "string · uuid", "array of object", "string | null". */
export function typeLabel(s: JsonSchema): string {
  if (s.$ref) return s.$ref.split("/").at(-1) ?? "object";
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeLabel).join(" | ");
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const base = types
    .map((t) => {
      if (t === "array") return `array of ${s.items ? typeLabel(s.items) : "any"}`;
      if (t === "string" && s.format) return `string · ${s.format}`;
      return t;
    })
    .join(" | ");
  return base || (s.properties ? "object" : "any");
}

function constraints(s: JsonSchema): string[] {
  const out: string[] = [];
  if (s.minLength !== undefined) out.push(`min length ${s.minLength}`);
  if (s.maxLength !== undefined) out.push(`max length ${s.maxLength}`);
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) out.push(`≤ ${s.maximum}`);
  if (s.minItems !== undefined) out.push(`at least ${s.minItems} item${s.minItems === 1 ? "" : "s"}`);
  if (s.pattern && !s.format && s.pattern.length <= 60) out.push(`pattern ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}

function enumOf(s: JsonSchema): unknown[] | undefined {
  return s.enum ?? s.items?.enum;
}

function objectOf(s: JsonSchema): JsonSchema | undefined {
  if (s.properties) return s;
  if (s.items?.properties) return s.items;
  return undefined;
}

/** One field: name, type, required flag, constraints, allowed values and nested fields. */
export function FieldRow({ name, schema, required }: { name: string; schema: JsonSchema; required?: boolean }) {
  const values = enumOf(schema);
  const nested = objectOf(schema);
  const notes = constraints(schema);
  return (
    <li className="py-2.5">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <code className="font-mono text-[13px] font-semibold text-zinc-900 dark:text-zinc-100">{name}</code>
        <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{typeLabel(schema)}</span>
        {required ? <span className="text-xs font-medium text-red-600 dark:text-red-400">required</span> : null}
        {notes.length ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{notes.join(" · ")}</span> : null}
      </div>
      {schema.description ? <p className="mt-1 text-[13px] text-zinc-600 dark:text-zinc-400">{schema.description}</p> : null}
      {values ? (
        <p className="mt-1 flex flex-wrap gap-1 text-xs text-zinc-500">
          One of
          {values.map((v) => (
            <code key={String(v)} className="rounded bg-zinc-100 px-1 font-mono text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
              {String(v)}
            </code>
          ))}
        </p>
      ) : null}
      {nested ? (
        <div className="mt-1.5 border-l border-zinc-200 pl-4 dark:border-zinc-800">
          <SchemaFields schema={nested} />
        </div>
      ) : null}
    </li>
  );
}

/** A schema as a readable field list; non-object schemas get a one-line description. */
export function SchemaFields({ schema }: { schema: JsonSchema }) {
  const object = objectOf(schema);
  if (!object?.properties) {
    return <p className="font-mono text-xs text-zinc-500">{typeLabel(schema)}</p>;
  }
  const required = new Set(object.required ?? []);
  return (
    <>
      {schema.type === "array" ? <p className="mb-1 text-xs text-zinc-500">An array of objects with:</p> : null}
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {Object.entries(object.properties).map(([name, s]) => (
          <FieldRow key={name} name={name} schema={s} required={required.has(name)} />
        ))}
      </ul>
    </>
  );
}
