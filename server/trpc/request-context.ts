import { auth } from "@/server/auth";
import { getDb } from "@/server/services/database";
import { buildContext } from "./context";

/** The context for a live request: the process database and the Auth.js session cookie. */
export async function createRequestContext(req: Request) {
  return buildContext({ db: await getDb(), req, getSession: () => auth() });
}
