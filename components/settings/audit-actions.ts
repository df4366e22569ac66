type Data = Record<string, unknown>;

const str = (v: unknown) => (typeof v === "string" ? v : "");
const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(", ") : "");

const ACTIONS: Record<string, { label: string; detail?: (d: Data) => string }> = {
  "auth.sign_in": { label: "Signed in" },
  "auth.sign_in_failed": { label: "Failed to sign in" },
  "auth.sign_up": { label: "Created an account" },
  "auth.password_changed": { label: "Changed their password" },
  "auth.email_verified": { label: "Verified their email address", detail: (d) => str(d.email) },
  "org.create": { label: "Created the organization", detail: (d) => str(d.slug) },
  "member.add": { label: "Added a member", detail: (d) => [str(d.email), list(d.roles)].filter(Boolean).join(" as ") },
  "member.roles_change": {
    label: "Changed a member's roles",
    detail: (d) => `${str(d.email)}: ${list(d.from) || "none"} → ${list(d.to) || "none"}`,
  },
  "member.remove": { label: "Removed a member", detail: (d) => str(d.email) },
  "member.invite": { label: "Invited a member", detail: (d) => [str(d.email), list(d.roles)].filter(Boolean).join(" as ") },
  "member.invitation_resent": { label: "Resent an invitation", detail: (d) => str(d.email) },
  "member.invitation_revoked": { label: "Revoked an invitation", detail: (d) => str(d.email) },
  "member.invitation_accepted": { label: "Accepted an invitation", detail: (d) => [str(d.email), list(d.roles)].filter(Boolean).join(" as ") },
  "member.invitation_declined": { label: "Declined an invitation", detail: (d) => str(d.email) },
  "token.create": { label: "Created an API token", detail: (d) => [str(d.name), d.prefix ? `(${str(d.prefix)}…)` : ""].filter(Boolean).join(" ") },
  "token.revoke": { label: "Revoked an API token", detail: (d) => [str(d.name), d.prefix ? `(${str(d.prefix)}…)` : ""].filter(Boolean).join(" ") },
  "project.create": { label: "Created a project", detail: (d) => [str(d.key), str(d.name)].filter(Boolean).join(" · ") },
  "runner_registration_token.create": { label: "Created a runner registration token", detail: (d) => str(d.name) },
  "runner_registration_token.revoke": {
    label: "Revoked a runner registration token",
    detail: (d) => [str(d.name), d.prefix ? `(${str(d.prefix)}…)` : ""].filter(Boolean).join(" "),
  },
  "runner.register": {
    label: "Registered a runner (with their registration token)",
    detail: (d) => [str(d.name), list(d.labels) && `labels ${list(d.labels)}`, str(d.registrationToken) && `token ${str(d.registrationToken)}`].filter(Boolean).join(" · "),
  },
  "runner.drain": { label: "Drained a runner", detail: (d) => str(d.name) },
  "runner.resume": { label: "Resumed a drained runner", detail: (d) => str(d.name) },
  "runner.remove": { label: "Removed a runner", detail: (d) => str(d.name) },
  "dataset.create": {
    label: "Created a dataset",
    detail: (d) => [`${str(d.project)}/${str(d.name)}`, d.containsPersonalData ? "contains personal data" : ""].filter(Boolean).join(" · "),
  },
  "dataset.update": {
    label: "Changed a dataset's terms",
    detail: (d) => [str(d.name), Object.keys((d.to as Data | undefined) ?? {}).join(", ")].filter(Boolean).join(": "),
  },
  "billing.update": {
    label: "Changed costs and carbon settings",
    detail: (d) => [str(d.currency), d.gridIntensity != null ? `${String(d.gridIntensity)} gCO2e/kWh` : ""].filter(Boolean).join(" · "),
  },
  "dataset.mark_ready": { label: "Marked a dataset version ready", detail: (d) => `${str(d.project)}/${str(d.dataset)} v${String(d.version ?? "?")}` },
};

/** "token.create" → "Created an API token", with a one-line detail from the event data. */
export function describeAuditEvent(action: string, data: Data): { label: string; detail: string } {
  const known = ACTIONS[action];
  if (!known) return { label: action.replace(/[._]/g, " ").replace(/^\w/, (c) => c.toUpperCase()), detail: "" };
  return { label: known.label, detail: known.detail?.(data) ?? "" };
}
