import { z } from "zod";
import { text } from "@/lib/text";
import { ROLES } from "@/db/schema";

export const Email = z
  .string("must be a valid email address")
  .trim()
  .toLowerCase()
  .pipe(z.email("must be a valid email address").max(254, "must be at most 254 characters"));
export const Password = text().min(8, "must be at least 8 characters").max(200, "must be at most 200 characters");
export const RoleName = z.enum(ROLES);
export const Roles = z
  .array(RoleName)
  .min(1, "must name at least one role")
  .transform((r) => [...new Set(r)]);
export const OrgSlug = z
  .string()
  .min(2, "must be at least 2 characters")
  .max(40, "must be at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "must be lowercase letters, digits and dashes");
export const ProjectKey = z
  .string()
  .transform((k) => k.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, "must be 2–10 letters or digits, starting with a letter"));
/** A project of the caller's organization, by key: what every project-scoped read takes. */
export const ProjectRef = z.object({ key: ProjectKey });
export const Name = text().trim().min(1, "must not be empty").max(120, "must be at most 120 characters");
