import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, invitations, memberships } from "@/db/schema";
import { addTestMember, createTestOrg, createTestTeam, createTestUser, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { withMailSink } from "@/server/services/email/with-mail-sink";
import { linkIn } from "@/server/services/email/testing";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { logger } from "@/server/logger";
import { createCaller } from "@/server/trpc/root";
import { callerFor, restClientOf } from "@/server/trpc/testing";

const database = withTestDb();
const sink = withMailSink();
const rest = restClientOf(database);

async function tokenFor(orgId: string, userId: string) {
  return (await createApiToken({ ctx: await orgCtx(database.db, orgId, userId), input: { name: "test" } })).token;
}

/** Invites `email` over /api/v1 as the team's admin and returns the secret from the mailed link. */
async function invite(team: Awaited<ReturnType<typeof createTestTeam>>, email: string, roles = ["developer"]) {
  const admin = await tokenFor(team.org.id, team.members.admin.id);
  const res = await rest("POST", `/orgs/${team.org.slug}/invitations`, { token: admin, body: { email, roles } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const mail = await sink().next(email);
  const link = linkIn(mail, "/invitations/");
  return { res, mail, link, secret: new URL(link).pathname.split("/").pop()! };
}

const isMember = async (orgId: string, userId: string) =>
  (await database.db.select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))).length === 1;

describe("invitations", () => {
  it("mails a link that the signed-in owner of the verified address accepts once, becoming a member", async () => {
    const team = await createTestTeam(database.db);
    const invitee = await createTestUser(database.db, { verified: true });
    const { mail, link, secret } = await invite(team, invitee.email.toUpperCase(), ["data_scientist", "developer"]);
    expect(mail.subject).toContain(team.org.name);
    expect(link).toMatch(/^http:\/\/localhost:3000\/invitations\/[\w-]{40,}$/);
    expect(await isMember(team.org.id, invitee.id)).toBe(false);

    const joined = await callerFor(database.db, invitee).invitations.accept({ token: secret });
    expect(joined).toEqual({ org: { slug: team.org.slug, name: team.org.name }, roles: ["data_scientist", "developer"] });
    const [m] = await database.db.select().from(memberships).where(and(eq(memberships.orgId, team.org.id), eq(memberships.userId, invitee.id)));
    expect(m!.roles).toEqual(["data_scientist", "developer"]);
    const [audit] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, team.org.id), eq(auditEvents.action, "member.invitation_accepted")));
    expect(audit).toMatchObject({ actorUserId: invitee.id, data: { email: invitee.email, roles: ["data_scientist", "developer"] } });

    await expect(callerFor(database.db, invitee).invitations.accept({ token: secret })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already accepted/) });
  });

  it("stores only a hash of the link's secret and answers the same whether or not the address has an account", async () => {
    const team = await createTestTeam(database.db);
    const known = await createTestUser(database.db, { verified: true });
    const a = await invite(team, known.email);
    const b = await invite(team, `nobody-${Date.now()}@example.test`);
    const shape = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, k === "roles" ? v : typeof v]));
    expect(a.res.status).toBe(b.res.status);
    expect(shape(a.res.body)).toEqual(shape(b.res.body));
    expect(Object.keys(a.res.body).sort()).toEqual(["createdAt", "email", "expiresAt", "id", "invitedBy", "lastSentAt", "link", "roles"]);
    expect(a.mail.text.replaceAll(known.email, "X").replace(/\/invitations\/\S+/, "")).toBe(b.mail.text.replaceAll(b.res.body.email, "X").replace(/\/invitations\/\S+/, ""));
    const rows = await database.db.select().from(invitations).where(eq(invitations.orgId, team.org.id));
    expect(rows.map((r) => r.tokenHash)).not.toContain(a.secret);
    expect(JSON.stringify(rows)).not.toContain(a.secret);
    expect(rows[0]!.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
  });

  it("refuses another account, an unverified owner, an API token, an expired, a revoked and a replaced link", async () => {
    const team = await createTestTeam(database.db);
    const owner = await createTestUser(database.db);
    const { secret } = await invite(team, owner.email);
    const stranger = await createTestUser(database.db, { verified: true });

    await expect(callerFor(database.db, stranger).invitations.accept({ token: secret })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining(`This invitation is for ${owner.email}, but you are signed in as ${stranger.email}`),
    });
    await expect(callerFor(database.db, owner).invitations.accept({ token: secret })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/^Verify /) });
    await expect(callerFor(database.db, null).invitations.accept({ token: secret })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await isMember(team.org.id, owner.id)).toBe(false);
    expect(await isMember(team.org.id, stranger.id)).toBe(false);

    // An API token is bound to the organization it was made in: it may not answer invitations to another.
    const verified = await createTestUser(database.db, { verified: true });
    const home = await createTestOrg(database.db);
    await addTestMember(database.db, home.id, verified.id, ["viewer"]);
    const viaToken = await invite(team, verified.email);
    const asToken = createCaller({ db: database.db, user: { ...verified, tokenOrgId: home.id }, authError: null, requestId: "t", log: logger });
    await expect(asToken.invitations.accept({ token: viaToken.secret })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/API token/) });
    const asBrowser = callerFor(database.db, verified);

    await database.db
      .update(invitations)
      .set({ expiresAt: sql`now() - interval '1 minute'`, lastSentAt: sql`now() - interval '7 days'` })
      .where(eq(invitations.email, verified.email));
    await expect(asBrowser.invitations.accept({ token: viaToken.secret })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/expired/) });

    const admin = callerFor(database.db, team.members.admin);
    const listed = await admin.invitations.list({ org: team.org.slug });
    const expired = listed.find((i) => i.email === verified.email)!;
    expect(expired.expired).toBe(true);
    const resent = await admin.invitations.resend({ org: team.org.slug, invitationId: expired.id });
    const fresh = new URL(linkIn(await sink().next(verified.email), "/invitations/")).pathname.split("/").pop()!;
    expect(resent.link).toContain(fresh);
    await expect(asBrowser.invitations.accept({ token: viaToken.secret })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/not valid/) });

    await admin.invitations.revoke({ org: team.org.slug, invitationId: expired.id });
    await expect(asBrowser.invitations.accept({ token: fresh })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/withdrawn/) });
    expect(await isMember(team.org.id, verified.id)).toBe(false);
    expect((await admin.invitations.list({ org: team.org.slug })).map((i) => i.email)).not.toContain(verified.email);

    const actions = (await database.db.select().from(auditEvents).where(eq(auditEvents.orgId, team.org.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["member.invite", "member.invitation_resent", "member.invitation_revoked"]));
  });

  it("re-inviting an open address replaces its invitation: one row, new roles, the earlier link dead", async () => {
    const team = await createTestTeam(database.db);
    const invitee = await createTestUser(database.db, { verified: true });
    const first = await invite(team, invitee.email, ["viewer"]);
    // At most one invitation mail a minute per address, re-invites included.
    const admin = await tokenFor(team.org.id, team.members.admin.id);
    const tooSoon = await rest("POST", `/orgs/${team.org.slug}/invitations`, { token: admin, body: { email: invitee.email, roles: ["developer"] } });
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body.message).toMatch(/less than a minute ago/);
    await expect(callerFor(database.db, team.members.admin).invitations.resend({ org: team.org.slug, invitationId: first.res.body.id })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await database.db.update(invitations).set({ lastSentAt: sql`now() - interval '61 seconds'` }).where(eq(invitations.id, first.res.body.id));
    const second = await invite(team, invitee.email, ["developer"]);
    expect(second.res.body.id).toBe(first.res.body.id);
    const rows = await database.db.select().from(invitations).where(and(eq(invitations.orgId, team.org.id), eq(invitations.email, invitee.email)));
    expect(rows).toHaveLength(1);
    const caller = callerFor(database.db, invitee);
    await expect(caller.invitations.accept({ token: first.secret })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller.invitations.accept({ token: second.secret })).roles).toEqual(["developer"]);
  });

  it("declining closes the invitation without a membership", async () => {
    const team = await createTestTeam(database.db);
    const invitee = await createTestUser(database.db, { verified: true });
    const { secret } = await invite(team, invitee.email);
    await expect(callerFor(database.db, invitee).invitations.decline({ token: secret })).resolves.toEqual({ declined: true });
    await expect(callerFor(database.db, invitee).invitations.accept({ token: secret })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await isMember(team.org.id, invitee.id)).toBe(false);
  });

  it("follows the role rules: managers invite only roles they hold, viewers not at all, other organizations see nothing", async () => {
    const team = await createTestTeam(database.db);
    const other = await createTestTeam(database.db);
    const manager = await tokenFor(team.org.id, team.members.manager.id);
    const viewer = await tokenFor(team.org.id, team.members.viewer.id);
    const body = { email: "someone@example.test", roles: ["admin"] };
    expect((await rest("POST", `/orgs/${team.org.slug}/invitations`, { token: manager, body })).status).toBe(403);
    expect((await rest("POST", `/orgs/${team.org.slug}/invitations`, { token: viewer, body: { ...body, roles: ["viewer"] } })).status).toBe(403);
    expect((await rest("GET", `/orgs/${team.org.slug}/invitations`, { token: viewer })).status).toBe(403);
    const made = await rest("POST", `/orgs/${team.org.slug}/invitations`, { token: manager, body: { ...body, roles: ["manager"] } });
    expect(made.status).toBe(200);
    await sink().next(body.email);
    const outsider = await tokenFor(other.org.id, other.members.admin.id);
    expect((await rest("DELETE", `/orgs/${other.org.slug}/invitations/${made.body.id}`, { token: outsider })).status).toBe(404);
    expect((await rest("DELETE", `/orgs/${team.org.slug}/invitations/${made.body.id}`, { token: outsider })).status).toBe(404);
    const member = await rest("POST", `/orgs/${team.org.slug}/invitations`, { token: manager, body: { email: team.members.viewer.email, roles: ["manager"] } });
    expect(member.status).toBe(409);
    const list = await rest("GET", `/orgs/${team.org.slug}/invitations`, { token: manager });
    expect(list.body).toEqual([expect.objectContaining({ email: body.email, roles: ["manager"], invitedBy: team.members.manager.name, expired: false })]);
    expect(JSON.stringify(list.body)).not.toMatch(/tokenHash|link/);
  });

  it("no longer adds an existing account directly: POST /orgs/{org}/members is gone", async () => {
    const team = await createTestTeam(database.db);
    const victim = await createTestUser(database.db, { verified: true });
    const admin = await tokenFor(team.org.id, team.members.admin.id);
    const res = await rest("POST", `/orgs/${team.org.slug}/members`, { token: admin, body: { email: victim.email, roles: ["viewer"] } });
    expect(res.status).toBe(404);
    const unknown = await rest("POST", `/orgs/${team.org.slug}/members`, { token: admin, body: { email: "ghost@example.test", roles: ["viewer"] } });
    expect(unknown.status).toBe(res.status);
    expect(await isMember(team.org.id, victim.id)).toBe(false);
  });
});
