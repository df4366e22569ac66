import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { createContext } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";
import { withReadableValidationMessage } from "@/server/http/rest-errors";

async function handler(req: Request) {
  const res = await createOpenApiFetchHandler({
    endpoint: "/api/v1",
    req,
    router: appRouter,
    createContext: () => createContext({ req }),
  });
  return withReadableValidationMessage(res);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as OPTIONS, handler as HEAD };
