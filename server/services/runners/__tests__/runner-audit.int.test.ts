import { describe, expect, it } from "vitest";
import { createTestTeam } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { PROTOCOL_PATH } from "@/runner/protocol";
import { handleRunnerRequest } from "@/server/http/runner/handler";
import { callerFor } from "@/server/trpc/testing";
import { describeAuditEvent } from "@/components/settings/audit-actions";

// Runner registration, drain/resume/remove and registration-token revocation were missing from the audit log.
const database = withTestDb();

async function register(token: string, name: string) {
  const req = new Request(`http://localhost${PROTOCOL_PATH}/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ registrationToken: token, name, labels: ["gpu"], resources: { cpus: 2, memoryBytes: 1024, gpus: [] } }),
  });
  const res = await handleRunnerRequest(req, database.db);
  expect(res.status).toBe(201);
  return (await res.json()) as { runnerId: string };
}

describe("runner administration is audited", () => {
  it("records registration, drain, resume, removal and token revocation with org, actor and target; the audit page labels them", async () => {
    const { org, members } = await createTestTeam(database.db);
    const admin = callerFor(database.db, members.admin);
    const o = { org: org.slug };
    const reg = await admin.runners.createRegistrationToken({ ...o, name: "ci token" });
    const { runnerId } = await register(reg.token, "gpu-box-1");
    await admin.runners.drain({ ...o, runnerId });
    await admin.runners.drain({ ...o, runnerId, drain: false });
    await admin.runners.remove({ ...o, runnerId });
    await admin.runners.revokeRegistrationToken({ ...o, tokenId: reg.id });

    const events = (await admin.audit.list({ ...o, limit: 10 })).filter((e) => e.action.startsWith("runner"));
    expect(events.map((e) => [e.action, e.targetId, e.actorEmail])).toEqual([
      ["runner_registration_token.revoke", reg.id, members.admin.email],
      ["runner.remove", runnerId, members.admin.email],
      ["runner.resume", runnerId, members.admin.email],
      ["runner.drain", runnerId, members.admin.email],
      ["runner.register", runnerId, members.admin.email], // the token's creator answers for the runners it lets in
      ["runner_registration_token.create", reg.id, members.admin.email],
    ]);
    const described = events.map((e) => describeAuditEvent(e.action, e.data));
    expect(described[0]).toEqual({ label: "Revoked a runner registration token", detail: `ci token (${reg.prefix}…)` });
    expect(described[1]).toEqual({ label: "Removed a runner", detail: "gpu-box-1" });
    expect(described[4]).toEqual({ label: "Registered a runner (with their registration token)", detail: "gpu-box-1 · labels gpu · token ci token" });
  });
});
