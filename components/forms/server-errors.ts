/** The message of a failed tRPC call, or a generic one for network failures. */
export function errorMessage(err: unknown): string {
  if (err && typeof err === "object" && "message" in err && typeof err.message === "string" && err.message) {
    return err.message === "Failed to fetch" ? "Runboard could not be reached. Check your connection and try again." : err.message;
  }
  return "Something went wrong. Try again.";
}

/**
 * Splits a server message such as "email: must be a valid email address; password: must be at
 * least 8 characters" into per-field errors, keeping anything not about a known field as `form`.
 */
export function fieldErrors<F extends string>(err: unknown, fields: readonly F[]): { form: string | null; fields: Partial<Record<F, string>> } {
  const out: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  for (const part of errorMessage(err).split("; ")) {
    const m = /^([\w.]+): (.+)$/.exec(part);
    const field = m?.[1]?.split(".")[0] as F | undefined;
    if (m && field && fields.includes(field)) out[field] = capitalize(m[2]!);
    else rest.push(part);
  }
  return { form: rest.length ? rest.join("; ") : null, fields: out };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
