import { Lock } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { Operation } from "./openapi-types";
import { FieldRow, SchemaFields } from "./schema-view";

const METHOD_TONES: Record<string, BadgeTone> = { get: "sky", post: "green", put: "violet", patch: "amber", delete: "red" };

export function MethodBadge({ method, className }: { method: string; className?: string }) {
  return (
    <Badge tone={METHOD_TONES[method] ?? "neutral"} className={cn("w-16 justify-center font-mono", className)}>
      {method.toUpperCase()}
    </Badge>
  );
}

export function operationAnchor(method: string, path: string): string {
  return `${method}-${path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mt-5">
      <h4 className="mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{title}</h4>
      {children}
    </div>
  );
}

export function OperationCard({ method, path, op }: { method: string; path: string; op: Operation }) {
  const params = op.parameters ?? [];
  const body = op.requestBody?.content?.["application/json"]?.schema;
  const responses = Object.entries(op.responses ?? {});
  const ok = responses.find(([code]) => code.startsWith("2"));
  const okSchema = ok?.[1].content?.["application/json"]?.schema;
  const errors = responses.filter(([code]) => !code.startsWith("2"));
  return (
    <article id={operationAnchor(method, path)} className="scroll-mt-6 rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-wrap items-center gap-3">
        <MethodBadge method={method} />
        <code className="font-mono text-sm font-semibold">{path}</code>
        {op.security?.length ? (
          <span className="ml-auto inline-flex items-center gap-1 text-xs text-zinc-500" title="Needs an API token">
            <Lock className="size-3" aria-hidden /> Bearer token
          </span>
        ) : null}
      </div>
      <h3 className="mt-2 text-[15px] font-medium text-zinc-800 dark:text-zinc-200">{op.summary ?? op.operationId}</h3>
      {op.description ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{op.description}</p> : null}
      {params.length ? (
        <Section title="Parameters">
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {params.map((p) => (
              <FieldRow
                key={`${p.in}-${p.name}`}
                name={`${p.name}${p.in === "query" ? " (query)" : p.in === "path" ? " (path)" : ""}`}
                schema={{ ...(p.schema ?? {}), description: p.description ?? p.schema?.description }}
                required={p.required}
              />
            ))}
          </ul>
        </Section>
      ) : null}
      {body ? (
        <Section title="Request body (JSON)">
          <SchemaFields schema={body} />
        </Section>
      ) : null}
      {okSchema ? (
        <Section title={`Response ${ok?.[0]}`}>
          <SchemaFields schema={okSchema} />
        </Section>
      ) : null}
      {errors.length ? (
        <Section title="Errors">
          <p className="text-[13px] text-zinc-600 dark:text-zinc-400">
            {errors.map(([code, r], i) => (
              <span key={code}>
                {i > 0 ? " · " : ""}
                <code className="font-mono">{code}</code> {r.description}
              </span>
            ))}
          </p>
        </Section>
      ) : null}
    </article>
  );
}
