import type { Db } from "@/server/services/domain";
import type { ProjectContext } from "@/server/services/context";
import { UnauthorizedError } from "@/server/services/errors";
import { resolveOrg } from "@/server/services/orgs/resolve-org";
import { projectScope } from "@/server/services/projects/project-scope";
import { authenticateApiToken } from "@/server/services/tokens/authenticate-api-token";
import { authenticateJobToken } from "@/server/services/jobs/job-token";

/**
 * MLflow clients send `Authorization: Bearer <MLFLOW_TRACKING_TOKEN>` or HTTP Basic
 * (MLFLOW_TRACKING_USERNAME = email, MLFLOW_TRACKING_PASSWORD = API token).
 */
async function callerFrom(db: Db, header: string | null) {
  if (!header) throw new UnauthorizedError("Send an API token: set MLFLOW_TRACKING_TOKEN to a Runboard API token");
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer) {
    const caller = await authenticateApiToken(db, bearer[1]!);
    if (!caller) throw new UnauthorizedError("Invalid, expired or revoked API token");
    return caller;
  }
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const email = decoded.slice(0, colon).trim().toLowerCase();
    const caller = colon > 0 ? await authenticateApiToken(db, decoded.slice(colon + 1)) : null;
    if (!caller || caller.email.toLowerCase() !== email) throw new UnauthorizedError("Invalid email or API token");
    return caller;
  }
  throw new UnauthorizedError("Unsupported Authorization scheme: use Bearer or Basic");
}

/** The caller acting in the URL's organization and project. A token of another organization sees nothing there. */
export async function authenticateMlflow(db: Db, req: Request, orgSlug: string, projectKey: string): Promise<ProjectContext> {
  const jobToken = /^Bearer\s+(rbj_\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1];
  if (jobToken) return authenticateJobToken(db, jobToken, orgSlug, projectKey); // MLFLOW_TRACKING_TOKEN of a runner job
  const caller = await callerFrom(db, req.headers.get("authorization"));
  // The same membership scoping as every other API: another organization, or a project outside it, is not found.
  const ctx = await resolveOrg(db, { userId: caller.userId, slug: orgSlug, tokenOrgId: caller.orgId });
  return projectScope(ctx, projectKey.toUpperCase(), "project.read");
}
