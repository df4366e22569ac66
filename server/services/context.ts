import type { Db } from "@/db/client";
import type { Role } from "@/db/schema";

export interface UserContext {
  db: Db;
  actor: { userId: string };
}

/** A caller acting inside one organization, with the roles their membership gives them there. */
export interface OrgContext extends UserContext {
  org: { id: string; slug: string; name: string };
  roles: Role[];
}
