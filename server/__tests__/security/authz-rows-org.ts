import { randomBytes } from "node:crypto";
import type { Action } from "@/server/auth/permissions";
import type { Actor, Op, Row, Target } from "./authz-harness";

/**
 * Names for new things come from the cell's nonce, so that building a row's call twice with the same
 * nonce gives the same call (the matrix compares calls to skip modes that name nothing new).
 */
export const nonce = { value: "", n: 0 };
export const rand = () => `${nonce.value}${(nonce.n++).toString(16)}`;
export const freshNonce = () => randomBytes(4).toString("hex");
const projectKey = () => `N${Array.from(rand().slice(-6), (c) => String.fromCharCode(65 + (parseInt(c, 16) || 0))).join("")}`;

/** A row served by a tRPC procedure (and by REST with an API token when the procedure has an OpenAPI path). */
export function trpc(
  resource: string,
  op: Op,
  action: Action,
  path: string,
  input: (t: Target, me: Actor) => Record<string, unknown>,
  more: Partial<Row> = {},
): Row {
  return { resource, op, action, name: path, call: (t, me) => ({ kind: "trpc", path, input: input(t, me) }), ...more };
}

/** The actor's own organization's resources (the target's for an actor of none): for rows that point from an own resource at the target's. */
export const mine = (t: Target, me: Actor) => (me.home ?? t.owner).res;

/** The actor's own spare token in the target's organization, else that organization's admin's (which no outsider may revoke). */
const spareTokenFor = (t: Target, me: Actor) => t.res.spareToken.get(me.user.id) ?? t.res.spareToken.get(t.owner.members.admin.id)!;
/** Another member's spare token: the admin's, or the manager's when the actor is the admin. */
const othersToken = (t: Target, me: Actor) => {
  const other = me.user.id === t.owner.members.admin.id ? t.owner.members.manager : t.owner.members.admin;
  return t.res.spareToken.get(other.id)!;
};

export function orgRows(): Row[] {
  return [
    // organizations: settings are read through orgs.get; no verb changes or deletes an organization (see NO_VERB)
    trpc("organizations", "read", "org.read", "orgs.get", () => ({})),
    trpc("billing", "read", "org.read", "billing.get", () => ({})),
    trpc("billing", "update", "runner.manage", "billing.put", (t) => ({
      currency: "EUR",
      cpuHourRate: 0.1,
      gridIntensity: null,
      gpuRates: [],
      runners: [{ runnerId: t.res.runnerId, hourlyRate: 1, gridIntensity: null }],
    })),
    trpc("billing", "read", "run.read", "billing.cardTotals", (t) => ({ cardKey: t.res.cardKey })),
    trpc("billing", "read", "run.read", "billing.sprintTotals", (t) => ({ sprintId: t.res.plannedSprint })),

    trpc("projects", "create", "project.create", "projects.create", () => ({ key: projectKey(), name: "New project" })),
    trpc("projects", "read", "project.read", "projects.get", (t) => ({ key: t.key })),
    trpc("projects", "read", "project.read", "projects.list", () => ({})),

    // members join by invitation (issue #10): inviting is the "create" of members
    // (with a role the actor holds: nobody may grant a role they do not hold)
    trpc("invitations", "create", "member.manage", "invitations.create", (_t, me) => ({ email: `invitee-${rand()}@example.com`, roles: me.roles.length > 0 ? me.roles.slice(0, 1) : ["viewer"] })),
    trpc("invitations", "read", "member.manage", "invitations.list", () => ({})),
    trpc("invitations", "update", "member.manage", "invitations.resend", (t) => ({ invitationId: t.res.invitationToResend }), {
      fresh: async (s) => {
        s.res.invitationToResend = await s.make.invitation();
      },
    }),
    trpc("invitations", "delete", "member.manage", "invitations.revoke", (t) => ({ invitationId: t.res.invitationToRevoke }), {
      fresh: async (s) => {
        s.res.invitationToRevoke = await s.make.invitation();
      },
    }),
    trpc("members", "read", "member.read", "members.list", () => ({})),
    trpc("members", "update", "member.manage", "members.updateRoles", (t) => ({ userId: t.res.memberToChange, roles: ["viewer"] })),
    trpc("members", "delete", "member.manage", "members.remove", (t) => ({ userId: t.res.memberToRemove }), {
      fresh: async (s) => {
        s.res.memberToRemove = await s.make.member(["viewer"]);
      },
    }),

    trpc("API tokens", "create", "token.own", "tokens.create", () => ({ name: `t-${rand()}` })),
    trpc("API tokens", "read", "token.own", "tokens.list", () => ({})),
    trpc("API tokens", "delete", "token.own", "tokens.revoke", (t, me) => ({ tokenId: spareTokenFor(t, me) }), {
      fresh: async (s, me) => {
        if (s.res.spareToken.has(me.user.id)) s.res.spareToken.set(me.user.id, await s.make.spareToken(me.user.id));
      },
    }),
    trpc("API tokens", "delete", "token.own", "tokens.revoke", (t, me) => ({ tokenId: othersToken(t, me) }), {
      name: "tokens.revoke (another member's token)",
      othersOnly: true,
    }),

    trpc("audit log", "read", "audit.read", "audit.list", () => ({ limit: 5 })),

    trpc("runners", "read", "org.read", "runners.list", () => ({})),
    trpc("runners", "update", "runner.manage", "runners.drain", (t) => ({ runnerId: t.res.runnerId, drain: true })),
    trpc("runners", "delete", "runner.manage", "runners.remove", (t) => ({ runnerId: t.res.runnerToRemove }), {
      fresh: async (s) => {
        s.res.runnerToRemove = await s.make.runner();
      },
    }),
    trpc("runner registration tokens", "create", "runner.manage", "runners.createRegistrationToken", () => ({ name: `r-${rand()}` })),
    trpc("runner registration tokens", "read", "runner.manage", "runners.registrationTokens", () => ({})),
    trpc("runner registration tokens", "delete", "runner.manage", "runners.revokeRegistrationToken", (t) => ({ tokenId: t.res.regTokenToRevoke }), {
      fresh: async (s) => {
        s.res.regTokenToRevoke = await s.make.regToken();
      },
    }),

    trpc("jobs", "create", "job.run", "jobs.create", (t) => ({ key: t.key, spec: { kind: "command", command: "true" } })),
    trpc("jobs", "create", "job.run", "jobs.createSweep", (t) => ({
      job: { key: t.key, spec: { kind: "command", command: "true" } },
      params: [{ key: "lr", values: ["0.1"] }],
    })),
    trpc("jobs", "create", "job.run", "jobs.create", (t) => ({
      key: t.key,
      card: t.res.cardKey,
      spec: { kind: "command", command: "true" },
      datasets: [{ name: t.res.datasetName, version: 1 }],
    }), {
      name: "jobs.create (for a card, reading a dataset version)",
      refusals: ["BAD_REQUEST", "HTTP 400"], // another project's card key: "Card X-1 is not in project Y", from the key alone
    }),
    trpc("jobs", "read", "run.read", "jobs.get", (t) => ({ id: t.res.jobId })),
    trpc("jobs", "read", "run.read", "jobs.list", () => ({})),
    trpc("jobs", "read", "run.read", "jobs.logs", (t) => ({ id: t.res.jobId })),
    trpc("jobs", "read", "run.read", "jobs.forCard", (t) => ({ cardKey: t.res.cardKey })),
    trpc("jobs", "update", "job.run", "jobs.cancel", (t) => ({ id: t.res.jobToCancel }), {
      fresh: async (s) => {
        s.res.jobToCancel = await s.make.job();
      },
    }),
    trpc("jobs", "update", "job.run", "jobs.retry", (t) => ({ id: t.res.jobToRetry })),
  ];
}
