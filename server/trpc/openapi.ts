import { generateOpenApiDocument } from "trpc-to-openapi";
import { appRouter } from "./root";
import pkg from "@/package.json";
import { datasetStreamPaths } from "@/server/http/datasets/openapi";

export function openApiDocument(baseUrl: string) {
  const doc = generateOpenApiDocument(appRouter, {
    title: "Runboard API",
    description:
      "The public REST API of Runboard. Authenticate with `Authorization: Bearer rb_…` (a personal API token from Settings → API tokens). Errors are JSON `{message, code}`; bad input answers 400 with a message naming the field.",
    version: pkg.version,
    baseUrl,
    tags: ["account", "organizations", "projects", "boards", "cards", "sprints", "members", "tokens", "audit", "datasets"],
  });
  for (const [path, ops] of Object.entries(datasetStreamPaths)) doc.paths = { ...doc.paths, [path]: { ...doc.paths?.[path], ...ops } } as typeof doc.paths;
  return doc;
}
