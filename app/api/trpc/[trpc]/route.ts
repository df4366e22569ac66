import { withRequestLog } from "@/server/http/request-log";
import { handleTrpcRequest } from "@/server/http/trpc";
import { createRequestContext } from "@/server/trpc/request-context";

const handler = withRequestLog((req) => handleTrpcRequest(req, createRequestContext));

export { handler as GET, handler as POST };
