import { withRequestLog } from "@/server/http/request-log";
import { downloadArtifact } from "@/server/http/tracking/downloads";

type Ctx = { params: Promise<{ org: string; project: string; runId: string; path: string[] }> };

export async function GET(req: Request, { params }: Ctx) {
  const p = await params;
  return withRequestLog((r) => downloadArtifact(r, p))(req);
}
