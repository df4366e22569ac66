import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { withRequestLog } from "@/server/http/request-log";
import { createRequestContext } from "@/server/trpc/request-context";
import { appRouter } from "@/server/trpc/root";

const handler = withRequestLog((req) =>
  fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createRequestContext(req) }),
);

export { handler as GET, handler as POST };
