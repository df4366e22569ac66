import { handleMlflowArtifactsRequest } from "@/server/http/mlflow/artifacts";
import { withRequestLog } from "@/server/http/request-log";
import { getDb } from "@/server/services/database";
import { artifactStore } from "@/server/storage";

type Params = { params: Promise<{ org: string; project: string; path?: string[] }> };

async function handler(req: Request, { params }: Params) {
  const { org, project, path } = await params;
  return withRequestLog(async (r) => handleMlflowArtifactsRequest(r, { db: await getDb(), store: artifactStore(), org, project, segments: path }))(req);
}

export { handler as GET, handler as PUT };
