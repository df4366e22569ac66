import { checkUserSession } from "@/server/services/auth/sessions";
import type { OrgContext } from "@/server/services/context";
import { resolveOrg } from "@/server/services/orgs/resolve-org";
import type { Context } from "./context";

const RECHECK_MS = 5_000;

/**
 * Passes a live stream's events on while the caller may still see them: before an event goes out
 * (at most every 5 s) the membership, and a browser's session, are checked again. A member removed,
 * or a session signed out, while a stream is open stops receiving at the next event.
 */
export async function* whileAllowed<T>(ctx: { db: Context["db"]; user: NonNullable<Context["user"]>; svc: OrgContext }, events: AsyncIterable<T>): AsyncGenerator<T> {
  let checkedAt = Date.now();
  for await (const event of events) {
    if (Date.now() - checkedAt >= RECHECK_MS) {
      if (!(await stillAllowed(ctx))) return;
      checkedAt = Date.now();
    }
    yield event;
  }
}

async function stillAllowed({ db, user, svc }: { db: Context["db"]; user: NonNullable<Context["user"]>; svc: OrgContext }): Promise<boolean> {
  if (user.sessionId && !(await checkUserSession(db, { sessionId: user.sessionId, userId: user.id }))) return false;
  return resolveOrg(db, { userId: user.id, slug: svc.org.slug, tokenOrgId: user.tokenOrgId }).then(
    () => true,
    () => false,
  );
}
