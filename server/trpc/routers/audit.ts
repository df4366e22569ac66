import { z } from "zod";
import { listAuditEvents, ListAuditEventsInput } from "@/server/services/audit/list-audit-events";
import { orgProcedure, router } from "../init";
import { AuditEventOut } from "../outputs";

export const auditRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/audit", tags: ["audit"], summary: "Audit log, newest first (admins)" } })
    .input(ListAuditEventsInput)
    .output(z.array(AuditEventOut))
    .query(({ ctx, input }) => listAuditEvents({ ctx: ctx.svc, input })),
});
