import { handleMlflowRequest } from "@/server/http/mlflow/handler";
import { withRequestLog } from "@/server/http/request-log";
import { getDb } from "@/server/services/database";
import { artifactStore } from "@/server/storage";

type Params = { params: Promise<{ org: string; project: string; path: string[] }> };

async function handler(req: Request, { params }: Params) {
  const { org, project, path } = await params;
  return withRequestLog(async (r) => handleMlflowRequest(r, { db: await getDb(), store: artifactStore(), org, project, path: path.join("/") }))(req);
}

export { handler as GET, handler as POST, handler as PATCH, handler as DELETE };
