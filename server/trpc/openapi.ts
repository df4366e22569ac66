import { generateOpenApiDocument } from "trpc-to-openapi";
import { appRouter } from "./root";
import pkg from "@/package.json";

export function openApiDocument(baseUrl: string) {
  return generateOpenApiDocument(appRouter, {
    title: "Runboard API",
    description:
      "The public REST API of Runboard. Authenticate with `Authorization: Bearer rb_…` (a personal API token from Settings → API tokens). Errors are JSON `{message, code}`; bad input answers 400 with a message naming the field.",
    version: pkg.version,
    baseUrl,
    tags: ["account", "organizations", "projects", "boards", "cards", "sprints", "members", "tokens", "audit"],
  });
}
