import { openApiDocument } from "@/server/trpc/openapi";

export function GET(req: Request) {
  return Response.json(openApiDocument(`${new URL(req.url).origin}/api/v1`));
}
