import { handleRestRequest } from "@/server/http/rest";
import { withRequestLog } from "@/server/http/request-log";
import { createRequestContext } from "@/server/trpc/request-context";

const handler = withRequestLog((req) => handleRestRequest(req, createRequestContext));

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS, handler as HEAD };
