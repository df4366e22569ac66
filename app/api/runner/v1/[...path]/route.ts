import { withRequestLog } from "@/server/http/request-log";
import { handleRunnerRequest } from "@/server/http/runner/handler";
import { getDb } from "@/server/services/database";
import { artifactStore } from "@/server/storage";
import { startReaperTimer } from "@/server/services/runner-protocol/reaper";

export const dynamic = "force-dynamic";

const handler = withRequestLog(async (req) => {
  startReaperTimer(getDb);
  return handleRunnerRequest(req, await getDb(), {}, artifactStore());
});

export { handler as GET, handler as POST };
