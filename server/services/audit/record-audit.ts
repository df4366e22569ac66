import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { OrgContext } from "../context";

export type AuditAction =
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_up"
  | "auth.password_changed"
  | "auth.email_verified"
  | "org.create"
  | "member.add"
  | "member.roles_change"
  | "member.remove"
  | "member.invite"
  | "member.invitation_resent"
  | "member.invitation_revoked"
  | "member.invitation_accepted"
  | "member.invitation_declined"
  | "token.create"
  | "token.revoke"
  | "project.create"
  | "runner_registration_token.create"
  | "runner_registration_token.revoke"
  | "runner.register"
  | "runner.drain"
  | "runner.resume"
  | "runner.remove"
  | "dataset.create"
  | "dataset.update"
  | "dataset.mark_ready"
  | "billing.update";

export interface AuditEntry {
  orgId?: string | null;
  actorUserId?: string | null;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

/** Appends one audit event; pass the transaction so the event commits with the change it records. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({ ...entry, data: entry.data ?? {} });
}

/** Appends one audit event of the caller's organization, acted by the caller. */
export async function recordOrgAudit(db: Db, ctx: OrgContext, entry: Omit<AuditEntry, "orgId" | "actorUserId">): Promise<void> {
  await recordAudit(db, { orgId: ctx.org.id, actorUserId: ctx.actor.userId, ...entry });
}
