import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";

export interface UserContext {
  db: Db;
  /** tokenOrgId: set when the caller authenticated with an API token, which is bound to that one organization. */
  actor: { userId: string; tokenOrgId?: string | null };
}

/** A caller acting inside one organization, with the roles their membership gives them there. */
export interface OrgContext extends UserContext {
  org: { id: string; slug: string; name: string };
  roles: Role[];
}

/** An organization member acting inside one project: the project-scoped verbs (MLflow, registry, jobs) take it. */
export interface ProjectContext extends OrgContext {
  project: { id: string; key: string };
}
