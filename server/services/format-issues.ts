import type { z } from "zod";

/** "name: must not be empty; roles.0: Invalid option…" so a person can see which field to fix. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/**
 * Per-field messages keyed by the dotted input path as the client sent it (`endDate`,
 * `job.spec.command`); the first issue of a path wins. Issues about the whole input have no field.
 */
export function zodFieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    if (!i.path.length) continue;
    const path = i.path.map(String).join(".");
    out[path] ??= i.message;
  }
  return out;
}
