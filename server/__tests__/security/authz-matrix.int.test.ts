import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ROLES } from "@/db/schema";
import { createTestUser } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { can, permissionsFor, type Action } from "@/server/auth/permissions";
import { ArtifactStore } from "@/server/storage/artifact-store";
import { appRouter } from "@/server/trpc/root";
import { matchRoute, ROUTES } from "@/server/http/mlflow/routes";
import { METHOD_ROUTES, PATTERN_ROUTES } from "@/server/http/mlflow/routes-registry";
import { expected, makeRunner, matches, transportsFor, type Actor, type Call, type Row, type Target } from "./authz-harness";
import { agileRows } from "./authz-rows-agile";
import { mlRows } from "./authz-rows-ml";
import { moreMlflowRows } from "./authz-rows-mlflow";
import { freshNonce, nonce, orgRows } from "./authz-rows-org";
import { leaksOf, seedOrg, type OrgSeed } from "./authz-seed";

/**
 * The authorization matrix (issue #10): every resource type × every role (plus a non-member and a
 * member of the other organization) × two organizations × create/read/update/delete, over a session
 * (tRPC) and an API token (REST, MLflow, the streamed routes). The expectation of every cell comes
 * from `can(roles, action)` in server/auth/permissions.ts: allowed ⇔ success, refused in the own
 * organization ⇔ FORBIDDEN, anything on the other organization ⇔ NOT_FOUND (or FORBIDDEN), never a
 * success, and no answer carries the other organization's names or emails.
 */

/** Actions no verb checks yet: each must stay unused by the services, or get rows. */
const NO_VERB: Partial<Record<Action, string>> = {
  "org.update": "no verb renames or deletes an organization; billing settings are guarded by runner.manage",
  "project.update": "no verb changes or deletes a project",
};
/**
 * The tRPC procedures the matrix must cover: every query and mutation that takes an organization
 * (`orgProcedure`). Account-level procedures (sign-up, me, creating an organization) and the live
 * event subscriptions (checked by projectScope when they open) have their own tests and the route crawl.
 */
function orgScopedProcedures(): string[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: unknown[] } }>;
  const takesOrg = (i: unknown) => i instanceof z.ZodObject && "org" in i.shape;
  return Object.entries(procedures)
    .filter(([, p]) => p._def.type !== "subscription" && p._def.inputs.some(takesOrg))
    .map(([name]) => name);
}

const database = withTestDb();
let store: ArtifactStore;
let root: string;
let a: OrgSeed;
let b: OrgSeed;
let rows: Row[];
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "rb-authz-"));
  store = new ArtifactStore(root);
  a = await seedOrg(database, store, "A");
  b = await seedOrg(database, store, "B");
  rows = [...orgRows(), ...agileRows(), ...mlRows(database, store), ...moreMlflowRows()];
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function actors(): Actor[] {
  const members: Actor[] = ROLES.map((role) => ({ label: role, user: a.members[role], roles: [role], home: a, token: a.tokens[role] }));
  return [
    ...members,
    { label: "member of the other org (B admin)", user: b.members.admin, roles: ["admin"], home: b, token: b.tokens.admin },
    { label: "non-member", user: nonMember, roles: [], home: null, token: null },
  ];
}
let nonMember: Actor["user"];

/**
 * Own organization; the other one; the other's ids under the own organization; the other's project
 * under it. The last two only for org A's members whose role allows the action (a refused role is
 * refused before any lookup, which its own-organization cell shows; org B's admin mirrors them).
 */
function targets(actor: Actor, row: Row): { mode: string; t: Target }[] {
  const home = actor.home ?? a;
  const other = home === a ? b : a;
  const list = [
    { mode: "own", t: { slug: home.org.slug, key: home.key, res: home.res, owner: home } },
    { mode: "other org", t: { slug: other.org.slug, key: other.key, res: other.res, owner: other } },
  ];
  if (actor.home !== a || !can(actor.roles, row.action)) return list;
  return [
    ...list,
    { mode: "other's ids in own org", t: { slug: home.org.slug, key: home.key, res: other.res, owner: other } },
    { mode: "other's project in own org", t: { slug: home.org.slug, key: other.key, res: other.res, owner: other } },
  ];
}

/** The row's call for target `t`, with new names made from `n`. */
function build(row: Row, t: Target, actor: Actor, n: string): Call {
  nonce.value = n;
  nonce.n = 0;
  return row.call(t, actor);
}
/** Whether two targets make the same request: the same call in the same organization (and, for MLflow, the same project of the URL). */
function sameRequest(t1: Target, x: Call, t2: Target, y: Call) {
  if (x.kind === "http" && y.kind === "http") return x.label === y.label;
  return t1.slug === t2.slug && (x.kind !== "mlflow" || t1.key === t2.key) && isDeepStrictEqual(x, y);
}

describe("authorization matrix", () => {
  it("covers every permission of permissions.ts and every organization-scoped tRPC procedure", () => {
    const actions = Object.keys(permissionsFor([])) as Action[];
    const exercised = new Set(rows.map((r) => r.action));
    expect(actions.filter((x) => !exercised.has(x) && !NO_VERB[x])).toEqual([]);
    // An action listed as having no verb must really have none: once a service checks it, it needs rows.
    const services = path.join(process.cwd(), "server/services");
    const source = readdirSync(services, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".ts") && !f.includes("__tests__"))
      .map((f) => readFileSync(path.join(services, f), "utf8"))
      .join("\n");
    for (const action of Object.keys(NO_VERB)) expect(source, `${action} is checked by a service now: add matrix rows`).not.toContain(`"${action}"`);
    const procedures = orgScopedProcedures();
    expect(procedures.length).toBeGreaterThan(60);
    const inMatrix = new Set(rows.map((r) => r.name.split(" ")[0]!));
    expect(procedures.filter((p) => !inMatrix.has(p))).toEqual([]);
    // Every MLflow route (exact paths, registry verbs, logged-model paths with ids) is some row's call.
    const own: Target = { slug: a.org.slug, key: a.key, res: a.res, owner: a };
    const me: Actor = { label: "admin", user: a.members.admin, roles: ["admin"], home: a, token: a.tokens.admin };
    const called = new Set(rows.map((r) => build(r, own, me, "cmp")).flatMap((c) => (c.kind === "mlflow" ? [matchRoute(c.path, c.method)?.route] : [])));
    const routes = [
      ...Object.entries(ROUTES).map(([p, r]) => [p, r] as const),
      ...Object.entries(METHOD_ROUTES).map(([p, r]) => [p, r!] as const),
      ...PATTERN_ROUTES.map((p) => [`${p.method} ${p.re.source}`, p.route] as const),
    ];
    expect(routes.filter(([, r]) => !called.has(r)).map(([p]) => p)).toEqual([]);
  });

  it("answers every cell as permissions.ts says, with no cross-organization success and no leak", async () => {
    nonMember = await createTestUser(database.db);
    const run = makeRunner(database, store);
    const only = process.env.AUTHZ_MATRIX_ONLY; // e.g. "runners." to run a few rows while working on them
    let ownMarkers = 0;
    const totals = { cells: 0, allowed: 0, forbidden: 0, crossOrg: 0, crossOrgSuccesses: 0, leaks: 0, mismatches: 0 };
    const problems: string[] = [];
    const started = Date.now();
    const selected = rows.filter((r) => !only || r.name.includes(only));

    async function cellsOf(row: Row, actor: Actor) {
      const all = targets(actor, row);
      const ran: string[] = [];
      for (const [i, { mode, t }] of all.entries()) {
        const probe = build(row, t, actor, "cmp");
        if (all.slice(0, i).some((o) => sameRequest(o.t, build(row, o.t, actor, "cmp"), t, probe))) continue; // this mode names nothing new for this row
        // The other's project key only where the other's ids named nothing new: both end in the same project lookup.
        if (mode === "other's project in own org" && ran.includes("other's ids in own org")) continue;
        ran.push(mode);
        // Under the own organization the adapters share the service's scoping, so one transport (the first) is enough there.
        const transports = transportsFor(row, probe, actor);
        for (const transport of mode.endsWith("in own org") ? transports.slice(0, 1) : transports) {
          const outcome = await run(build(row, t, actor, freshNonce()), actor, transport, t);
          const exp = expected(row, actor, t);
          totals.cells++;
          const where = `${row.name} [${row.op} ${row.resource}] as ${actor.label} via ${transport}, ${mode}`;
          if (exp === "DENIED") totals.crossOrg += t.owner !== actor.home ? 1 : 0;
          if (exp === "OK") totals.allowed++;
          if (exp === "FORBIDDEN") totals.forbidden++;
          if (exp === "DENIED" && t.owner !== actor.home && outcome.code === "OK") {
            totals.crossOrgSuccesses++;
            problems.push(`CROSS-ORG SUCCESS ${where}: ${outcome.text.slice(0, 200)}`);
          } else if (!matches(row, exp, outcome.code)) {
            totals.mismatches++;
            problems.push(`MISMATCH ${where}: expected ${exp}, got ${outcome.code} ${outcome.text.slice(0, 200)}`);
          }
          for (const seed of [a, b].filter((x) => x !== actor.home)) {
            const leaked = leaksOf(seed, outcome.text);
            if (leaked.length) {
              totals.leaks++;
              problems.push(`LEAK of org ${seed.tag} ${where}: ${leaked.join(", ")}`);
            }
          }
          if (actor.home && leaksOf(actor.home, outcome.text).length) ownMarkers++;
          if (outcome.code === "OK" && row.fresh) await row.fresh(t.owner, actor);
        }
      }
    }

    for (const row of selected) {
      if (row.fresh) {
        for (const seed of [a, b]) await row.fresh(seed, { label: "admin", user: seed.members.admin, roles: ["admin"], home: seed, token: null });
        for (const actor of actors()) await cellsOf(row, actor);
      } else if (row.op === "read") {
        await Promise.all(actors().map((actor) => cellsOf(row, actor))); // reads change nothing: the actors may overlap (PostgreSQL's pool)
      } else {
        for (const actor of actors()) await cellsOf(row, actor);
      }
    }
    console.log(
      `authorization matrix: ${selected.length} rows, ${totals.cells} cells in ${((Date.now() - started) / 1000).toFixed(1)} s — ` +
        `${totals.allowed} allowed, ${totals.forbidden} forbidden by role, ${totals.crossOrg} cross-organization; ` +
        `cross-organization successes: ${totals.crossOrgSuccesses}, mismatches: ${totals.mismatches}, leaks: ${totals.leaks}`,
    );
    expect(problems).toEqual([]);
    if (!only) expect(totals.cells).toBeGreaterThan(2000);
    // The leak check is not vacuous: the markers do reach answers, inside their own organization.
    if (!only) expect(ownMarkers).toBeGreaterThan(0);
  }, 600_000);
});
