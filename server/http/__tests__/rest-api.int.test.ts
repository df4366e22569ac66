import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens, organizations, projects } from "@/db/schema";
import { addTestMember, createTestOrg, createTestProject, createTestTeam, createTestUser, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { restClientOf } from "@/server/trpc/testing";

const database = withTestDb();
const rest = restClientOf(database);

async function tokenFor(orgId: string, userId: string) {
  return (await createApiToken({ ctx: await orgCtx(database.db, orgId, userId), input: { name: "test" } })).token;
}

describe("REST API /api/v1", () => {
  it("GET /me returns the user and the token's organization with roles", async () => {
    const { org, members } = await createTestTeam(database.db);
    const token = await tokenFor(org.id, members.manager.id);
    const res = await rest("GET", "/me", { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { id: members.manager.id, email: members.manager.email },
      organizations: [{ slug: org.slug, roles: ["manager"] }],
    });
  });

  it("answers 401 without a token and with a malformed or unknown one", async () => {
    expect((await rest("GET", "/me")).status).toBe(401);
    expect((await rest("GET", "/me", { token: "rb_not-a-real-token" })).status).toBe(401);
    const res = await rest("GET", "/me", { token: "xyz" });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ message: expect.stringMatching(/API token/) });
  });

  it("lists and creates projects; a manager creates, the key is upper-cased", async () => {
    const { org, members } = await createTestTeam(database.db);
    const token = await tokenFor(org.id, members.manager.id);
    const created = await rest("POST", `/orgs/${org.slug}/projects`, { token, body: { key: "churn", name: "Customer churn" } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ key: "CHURN", name: "Customer churn" });
    const list = await rest("GET", `/orgs/${org.slug}/projects`, { token });
    expect(list.body).toEqual([expect.objectContaining({ key: "CHURN" })]);
    const dup = await rest("POST", `/orgs/${org.slug}/projects`, { token, body: { key: "CHURN", name: "Again" } });
    expect(dup.status).toBe(409);
  });

  it("refuses an API token founding another organization with 403 and writes nothing", async () => {
    const { org, members } = await createTestTeam(database.db);
    const token = await tokenFor(org.id, members.admin.id);
    const res = await rest("POST", "/orgs", { token, body: { slug: "token-made", name: "Token made" } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ message: expect.stringMatching(/bound to one organization/) });
    expect(await database.db.select().from(organizations).where(eq(organizations.slug, "token-made"))).toHaveLength(0);
  });

  it("refuses a viewer creating a project with 403 and writes nothing", async () => {
    const { org, members } = await createTestTeam(database.db);
    const token = await tokenFor(org.id, members.viewer.id);
    const res = await rest("POST", `/orgs/${org.slug}/projects`, { token, body: { key: "NOPE", name: "Nope" } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ message: expect.stringMatching(/viewer.*create projects/) });
    expect(await database.db.select().from(projects).where(eq(projects.orgId, org.id))).toHaveLength(0);
  });

  it("answers 400 naming the field for bad input, with no stack trace", async () => {
    const { org, members } = await createTestTeam(database.db);
    const token = await tokenFor(org.id, members.admin.id);
    const res = await rest("POST", `/orgs/${org.slug}/projects`, { token, body: { key: "1x", name: "" } });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/key: must be 2–10 letters/);
    expect(res.body.message).toMatch(/name: must not be empty/);
    expect(res.body.data.fieldErrors).toMatchObject({ key: expect.stringMatching(/^must be 2–10 letters/), name: "must not be empty" });
    expect(JSON.stringify(res.body)).not.toMatch(/stack|at .*\.ts:/);
  });

  it("hides other organizations: their projects and the org itself answer 404", async () => {
    const a = await createTestTeam(database.db);
    const b = await createTestTeam(database.db);
    const secret = await createTestProject(database.db, b.org.id, "SECRET");
    const token = await tokenFor(a.org.id, a.members.admin.id);
    const viaB = await rest("GET", `/orgs/${b.org.slug}/projects/${secret.key}`, { token });
    expect(viaB.status).toBe(404);
    const viaA = await rest("GET", `/orgs/${a.org.slug}/projects/${secret.key}`, { token });
    expect(viaA.status).toBe(404);
    expect((await rest("GET", `/orgs/does-not-exist/projects`, { token })).status).toBe(404);
    expect((await rest("POST", `/orgs/${b.org.slug}/projects`, { token, body: { key: "HACK", name: "x" } })).status).toBe(404);
  });

  it("binds a token to one organization even when its user belongs to several", async () => {
    const a = await createTestTeam(database.db);
    const b = await createTestOrg(database.db);
    await addTestMember(database.db, b.id, a.members.admin.id, ["admin"]);
    await createTestProject(database.db, b.id, "BEE");
    const token = await tokenFor(a.org.id, a.members.admin.id);
    expect((await rest("GET", `/orgs/${b.slug}/projects/BEE`, { token })).status).toBe(404);
    const me = await rest("GET", "/me", { token });
    expect(me.body.organizations).toHaveLength(1);
  });

  it("revoked tokens get 401 and stored tokens are hashes", async () => {
    const { org, members } = await createTestTeam(database.db);
    const token = await tokenFor(org.id, members.developer.id);
    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.userId, members.developer.id));
    expect(row!.tokenHash).not.toContain(token.slice(3));
    expect(token).toMatch(/^rb_/);
    expect((await rest("GET", "/me", { token })).status).toBe(200);
    const list = await rest("GET", `/orgs/${org.slug}/tokens`, { token });
    expect(list.body[0]).toMatchObject({ id: row!.id, lastUsedAt: expect.any(String) });
    expect(JSON.stringify(list.body)).not.toContain(token);
    const revoked = await rest("DELETE", `/orgs/${org.slug}/tokens/${row!.id}`, { token });
    expect(revoked.status).toBe(200);
    expect((await rest("GET", "/me", { token })).status).toBe(401);
  });

  it("a removed member's token stops working at once", async () => {
    const { org, members } = await createTestTeam(database.db);
    const token = await tokenFor(org.id, members.data_scientist.id);
    const admin = await tokenFor(org.id, members.admin.id);
    expect((await rest("GET", `/orgs/${org.slug}/projects`, { token })).status).toBe(200);
    const removed = await rest("DELETE", `/orgs/${org.slug}/members/${members.data_scientist.id}`, { token: admin });
    expect(removed.status).toBe(200);
    expect((await rest("GET", `/orgs/${org.slug}/projects`, { token })).status).toBe(401);
  });

  it("changes members' roles; nobody grants a role they lack; the last admin stays", async () => {
    const { org, members } = await createTestTeam(database.db);
    const newcomer = await createTestUser(database.db);
    await addTestMember(database.db, org.id, newcomer.id, ["viewer"]);
    const manager = await tokenFor(org.id, members.manager.id);
    const admin = await tokenFor(org.id, members.admin.id);

    const escalate = await rest("PATCH", `/orgs/${org.slug}/members/${newcomer.id}`, { token: manager, body: { roles: ["admin"] } });
    expect(escalate.status).toBe(403);
    expect(escalate.body.message).toMatch(/cannot grant admin/);

    const changed = await rest("PATCH", `/orgs/${org.slug}/members/${newcomer.id}`, { token: admin, body: { roles: ["data_scientist", "developer"] } });
    expect(changed.status).toBe(200);
    const list = await rest("GET", `/orgs/${org.slug}/members`, { token: manager });
    expect(list.body).toContainEqual(expect.objectContaining({ email: newcomer.email, roles: ["data_scientist", "developer"] }));
    const badRole = await rest("PATCH", `/orgs/${org.slug}/members/${newcomer.id}`, { token: admin, body: { roles: ["wizard"] } });
    expect(badRole.status).toBe(400);
    expect(badRole.body.message).toMatch(/^roles\.0:/);

    const demoteLast = await rest("PATCH", `/orgs/${org.slug}/members/${members.admin.id}`, { token: admin, body: { roles: ["manager"] } });
    expect(demoteLast.status).toBe(403);
    expect(demoteLast.body.message).toMatch(/last admin/);
    const removeLast = await rest("DELETE", `/orgs/${org.slug}/members/${members.admin.id}`, { token: admin });
    expect(removeLast.status).toBe(403);
    const managerTouchesAdmin = await rest("DELETE", `/orgs/${org.slug}/members/${members.admin.id}`, { token: manager });
    expect(managerTouchesAdmin.status).toBe(403);

    const promote = await rest("PATCH", `/orgs/${org.slug}/members/${newcomer.id}`, { token: admin, body: { roles: ["admin"] } });
    expect(promote.status).toBe(200);
    expect((await rest("DELETE", `/orgs/${org.slug}/members/${members.admin.id}`, { token: admin })).status).toBe(200);
  });

  it("records membership, role and token changes in the audit log, visible to admins only", async () => {
    const { org, members } = await createTestTeam(database.db);
    const admin = await tokenFor(org.id, members.admin.id);
    const viewer = await tokenFor(org.id, members.viewer.id);
    await rest("PATCH", `/orgs/${org.slug}/members/${members.viewer.id}`, { token: admin, body: { roles: ["viewer", "developer"] } });
    const log = await rest("GET", `/orgs/${org.slug}/audit?limit=10`, { token: admin });
    expect(log.status).toBe(200);
    const actions = (log.body as unknown as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["member.roles_change", "token.create"]));
    expect(log.body[0]).toMatchObject({ action: "member.roles_change", actorEmail: members.admin.email, data: { from: ["viewer"], to: ["viewer", "developer"] } });
    expect((await rest("GET", `/orgs/${org.slug}/audit`, { token: viewer })).status).toBe(403);
  });

  it("answers 400 naming a query parameter that Object.prototype already has (toString, __proto__), not 500", async () => {
    const { org, members } = await createTestTeam(database.db);
    const token = await tokenFor(org.id, members.admin.id);
    for (const name of ["toString", "__proto__", "constructor", "hasOwnProperty"]) {
      const res = await rest("GET", `/orgs/${org.slug}/projects?${name}=x`, { token });
      expect(res.status, name).toBe(400);
      expect(res.body).toEqual({ code: "BAD_REQUEST", message: `${name}: is not an accepted query parameter` });
    }
    expect((await rest("GET", `/orgs/${org.slug}/projects?other=x`, { token })).status).toBe(200);
  });
});
