import { auth } from "@/server/auth";
import { getDb } from "@/server/services/database";
import { handleDatasetDownload } from "@/server/http/datasets/download";
import { withRequestLog } from "@/server/http/request-log";
import { artifactStore } from "@/server/storage";

type Params = { params: Promise<{ org: string; key: string; name: string; version: string }> };

export async function GET(req: Request, { params }: Params) {
  const p = await params;
  return withRequestLog(async (r) => handleDatasetDownload(r, { db: await getDb(), getSession: () => auth(), store: artifactStore() }, p))(req);
}
