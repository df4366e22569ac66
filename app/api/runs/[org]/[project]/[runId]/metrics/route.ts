import { withRequestLog } from "@/server/http/request-log";
import { downloadMetricCsv } from "@/server/http/tracking/downloads";

type Ctx = { params: Promise<{ org: string; project: string; runId: string }> };

export async function GET(req: Request, { params }: Ctx) {
  const p = await params;
  return withRequestLog((r) => downloadMetricCsv(r, p))(req);
}
