import type { Role } from "@/db/schema";
import type { BadgeTone } from "@/components/ui/badge";

/** Same order as the server's ROLES; kept here so client bundles do not pull in the database schema. */
export const ROLE_ORDER = ["admin", "manager", "data_engineer", "data_scientist", "developer", "viewer"] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  manager: "Manager",
  data_engineer: "Data engineer",
  data_scientist: "Data scientist",
  developer: "Developer",
  viewer: "Viewer",
};

export const ROLE_TONES: Record<Role, BadgeTone> = {
  admin: "red",
  manager: "brand",
  data_engineer: "amber",
  data_scientist: "violet",
  developer: "sky",
  viewer: "neutral",
};

export function sortRoles(roles: readonly Role[]): Role[] {
  return ROLE_ORDER.filter((r) => roles.includes(r));
}
