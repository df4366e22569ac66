import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { ArrowLeft, FileJson } from "lucide-react";
import { Logo } from "@/components/brand/logo";
import { METHODS, type OpenApiDoc, type Operation } from "@/components/docs/openapi-types";
import { MethodBadge, OperationCard, operationAnchor } from "@/components/docs/operation-card";
import { buttonClass } from "@/components/ui/button";
import { openApiDocument } from "@/server/trpc/openapi";

export const metadata: Metadata = { title: "API reference" };

const TAG_TITLES: Record<string, string> = {
  account: "Account",
  organizations: "Organizations",
  projects: "Projects",
  members: "Members",
  tokens: "API tokens",
  audit: "Audit log",
};

async function origin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

function groupByTag(doc: OpenApiDoc) {
  const groups = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const t of doc.tags ?? []) groups.set(t.name, []);
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = ops[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? "other";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push({ method, path, op });
    }
  }
  return [...groups].filter(([, ops]) => ops.length > 0);
}

function Code({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-lg bg-zinc-900 p-4 font-mono text-[13px] leading-relaxed text-zinc-100 dark:bg-black/50 dark:ring-1 dark:ring-zinc-800">
      <code>{children}</code>
    </pre>
  );
}

export default async function ApiReferencePage() {
  const base = `${await origin()}/api/v1`;
  const doc = openApiDocument(base) as unknown as OpenApiDoc;
  const groups = groupByTag(doc);

  return (
    <div className="min-h-screen bg-zinc-50 dark:bg-zinc-950">
      <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-4 px-8">
          <Link href="/" aria-label="Runboard home">
            <Logo />
          </Link>
          <span className="text-zinc-300 dark:text-zinc-700" aria-hidden>
            /
          </span>
          <span className="text-sm font-medium">API reference</span>
          <div className="ml-auto flex items-center gap-2">
            <a href="/api/v1/openapi.json" className={buttonClass({ size: "sm" })}>
              <FileJson className="size-4" aria-hidden />
              openapi.json
            </a>
            <Link href="/" className={buttonClass({ size: "sm", variant: "ghost" })}>
              <ArrowLeft className="size-4" aria-hidden />
              Back to app
            </Link>
          </div>
        </div>
      </header>

      <div className="mx-auto flex max-w-6xl gap-10 px-8 py-10">
        <nav aria-label="Operations" className="sticky top-6 hidden h-[calc(100vh-3rem)] w-56 shrink-0 overflow-y-auto lg:block">
          <a href="#authentication" className="block py-1 text-sm font-medium text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white">
            Authentication
          </a>
          {groups.map(([tag, ops]) => (
            <div key={tag} className="mt-4">
              <a href={`#tag-${tag}`} className="block py-1 text-sm font-medium text-zinc-700 hover:text-zinc-950 dark:text-zinc-300 dark:hover:text-white">
                {TAG_TITLES[tag] ?? tag}
              </a>
              <ul>
                {ops.map(({ method, path, op }) => (
                  <li key={`${method} ${path}`}>
                    <a
                      href={`#${operationAnchor(method, path)}`}
                      className="flex items-center gap-2 rounded py-1 text-[13px] text-zinc-600 hover:text-zinc-950 dark:text-zinc-400 dark:hover:text-white"
                    >
                      <MethodBadge method={method} className="w-12 px-0 text-[10px]" />
                      <span className="truncate">{op.summary}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>

        <main className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold tracking-tight">{doc.info.title}</h1>
          <p className="mt-1 text-sm text-zinc-500">Version {doc.info.version} · Base URL <code className="font-mono">{base}</code></p>
          <p className="mt-4 max-w-3xl text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
            Every screen in Runboard is backed by this REST API, so scripts, CI jobs and training code can do what you do in the
            browser. Requests and responses are JSON. The machine-readable OpenAPI 3 document is at{" "}
            <a href="/api/v1/openapi.json" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
              /api/v1/openapi.json
            </a>
            .
          </p>

          <section id="authentication" aria-labelledby="auth-heading" className="mt-10 scroll-mt-6">
            <h2 id="auth-heading" className="text-lg font-semibold">
              Authentication
            </h2>
            <div className="mt-3 max-w-3xl space-y-3 text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
              <p>
                Create a personal API token in <strong>Settings → API tokens</strong> and send it in the{" "}
                <code className="font-mono text-[13px]">Authorization</code> header as{" "}
                <code className="font-mono text-[13px]">Bearer rb_…</code> (the token&apos;s prefix is always <code className="font-mono text-[13px]">rb_</code>). A token acts as you, with your roles, and only in the
                organization it was created in; revoking it takes effect at once.
              </p>
              <p>
                Errors come back as <code className="font-mono text-[13px]">{"{ message, code }"}</code>: 400 for bad input (the
                message names the field), 401 for a missing or revoked token, 403 when your role does not allow the action and
                404 for things outside your organization.
              </p>
            </div>
            <div className="mt-4 max-w-3xl">
              <Code>{`curl -H "Authorization: Bearer rb_your_token" \\\n  ${base}/me\n\ncurl -X POST -H "Authorization: Bearer rb_your_token" \\\n  -H "Content-Type: application/json" \\\n  -d '{"key":"CHURN","name":"Customer churn"}' \\\n  ${base}/orgs/acme/projects`}</Code>
            </div>
          </section>

          {groups.map(([tag, ops]) => (
            <section key={tag} id={`tag-${tag}`} aria-labelledby={`tag-${tag}-heading`} className="mt-12 scroll-mt-6">
              <h2 id={`tag-${tag}-heading`} className="mb-4 text-lg font-semibold">
                {TAG_TITLES[tag] ?? tag}
              </h2>
              <div className="space-y-4">
                {ops.map(({ method, path, op }) => (
                  <OperationCard key={`${method} ${path}`} method={method} path={path} op={op} />
                ))}
              </div>
            </section>
          ))}
        </main>
      </div>
    </div>
  );
}
