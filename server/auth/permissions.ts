import { ROLES, type Role } from "@/server/services/domain";
import { ForbiddenError } from "@/server/services/errors";

/**
 * The one role matrix: which roles may do what inside an organization. Every service verb asks
 * `assertCan` before it changes anything; pages ask `can` to decide what to show.
 */
const MATRIX = {
  "org.read": ROLES,
  "org.update": ["admin"],
  "project.read": ROLES,
  "project.create": ["admin", "manager"],
  "project.update": ["admin", "manager"],
  "member.read": ROLES,
  "member.manage": ["admin", "manager"],
  "audit.read": ["admin"],
  "token.own": ROLES,
  "runner.manage": ["admin"],
  "job.run": ["admin", "manager", "data_scientist", "data_engineer", "developer"],
  "card.read": ROLES,
  "card.write": ["admin", "manager", "data_engineer", "data_scientist", "developer"],
  "board.configure": ["admin", "manager"],
  "sprint.manage": ["admin", "manager"],
  "experiment.write": ["admin", "manager", "data_engineer", "data_scientist", "developer"],
  "run.read": ROLES,
  "run.write": ["admin", "manager", "data_engineer", "data_scientist", "developer"],
  "model.read": ROLES,
  "model.write": ["admin", "manager", "data_engineer", "data_scientist", "developer"],
  "dataset.read": ROLES,
  "dataset.write": ["admin", "manager", "data_engineer", "data_scientist"],
  "dataset.mark_ready": ["admin", "data_engineer"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof MATRIX;

const LABELS: Record<Action, string> = {
  "org.read": "view this organization",
  "org.update": "change organization settings",
  "project.read": "view projects",
  "project.create": "create projects",
  "project.update": "change projects",
  "member.read": "view members",
  "member.manage": "manage members",
  "audit.read": "view the audit log",
  "token.own": "manage your API tokens",
  "runner.manage": "manage runners",
  "job.run": "start or cancel jobs",
  "card.read": "view cards",
  "card.write": "create or change cards",
  "board.configure": "configure the board",
  "sprint.manage": "plan, start or complete sprints",
  "experiment.write": "create or change experiments",
  "run.read": "view experiments and runs",
  "run.write": "create runs or log to them",
  "model.read": "view models",
  "model.write": "register, change or promote models",
  "dataset.read": "view datasets",
  "dataset.write": "create datasets or upload versions",
  "dataset.mark_ready": "mark dataset versions ready",
};

export function can(roles: readonly Role[], action: Action): boolean {
  const allowed: readonly Role[] = MATRIX[action];
  return roles.some((r) => allowed.includes(r));
}

export function assertCan(roles: readonly Role[], action: Action): void {
  if (!can(roles, action)) {
    throw new ForbiddenError(`Your role (${roles.join(", ") || "none"}) does not allow you to ${LABELS[action]}`);
  }
}

/** Roles a member may hand out: an admin may grant any role, anyone else only roles they hold themselves. */
export function grantableRoles(roles: readonly Role[]): Role[] {
  return roles.includes("admin") ? [...ROLES] : ROLES.filter((r) => roles.includes(r));
}

export function assertCanGrant(granterRoles: readonly Role[], roles: readonly Role[]): void {
  const grantable = grantableRoles(granterRoles);
  const refused = roles.filter((r) => !grantable.includes(r));
  if (refused.length > 0) {
    throw new ForbiddenError(`You cannot grant ${refused.join(", ")}: nobody can grant a role they do not hold`);
  }
}

export function permissionsFor(roles: readonly Role[]): Record<Action, boolean> {
  return Object.fromEntries((Object.keys(MATRIX) as Action[]).map((a) => [a, can(roles, a)])) as Record<Action, boolean>;
}
