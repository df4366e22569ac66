import { z } from "zod";
import { RoleName } from "@/server/services/schemas";

/** Response shapes: they document the REST API and keep each response to exactly these fields. */
export const OrgOut = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), roles: z.array(RoleName) });
export const MeOut = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
  organizations: z.array(OrgOut),
});
export const ProjectOut = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: z.date(),
});
export const MemberOut = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  roles: z.array(RoleName),
  joinedAt: z.date(),
});
export const ApiTokenOut = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  lastUsedAt: z.date().nullable(),
  createdAt: z.date(),
});
export const AuditEventOut = z.object({
  id: z.uuid(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
  actorEmail: z.string().nullable(),
  actorName: z.string().nullable(),
});
