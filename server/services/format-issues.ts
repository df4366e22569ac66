import type { z } from "zod";

/** "name: must not be empty; roles.0: Invalid option…" so a person can see which field to fix. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}
