import { auth } from "@/server/auth";
import { getDb } from "@/server/services/database";
import { handleDatasetUpload } from "@/server/http/datasets/upload";
import { handleRestRequest } from "@/server/http/rest";
import { withRequestLog } from "@/server/http/request-log";
import { artifactStore } from "@/server/storage";
import { createRequestContext } from "@/server/trpc/request-context";

type Params = { params: Promise<{ org: string; key: string; name: string }> };

/** This folder shadows the /api/v1 catch-all, so GET (list versions) is handed back to the REST router. */
export const GET = withRequestLog((req) => handleRestRequest(req, createRequestContext));

export async function POST(req: Request, { params }: Params) {
  const p = await params;
  return withRequestLog(async (r) => handleDatasetUpload(r, { db: await getDb(), getSession: () => auth(), store: artifactStore() }, p))(req);
}
