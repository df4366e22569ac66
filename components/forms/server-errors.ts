/** The message of a failed tRPC call, or a generic one for network failures. */
export function errorMessage(err: unknown): string {
  if (err && typeof err === "object" && "message" in err && typeof err.message === "string" && err.message) {
    return err.message === "Failed to fetch" ? "Runboard could not be reached. Check your connection and try again." : err.message;
  }
  return "Something went wrong. Try again.";
}

/** The server's per-field messages (`data.fieldErrors`: dotted input path → message), or none. */
function serverFieldErrors(err: unknown): Record<string, string> {
  if (!err || typeof err !== "object" || !("data" in err)) return {};
  const data = err.data;
  if (!data || typeof data !== "object" || !("fieldErrors" in data)) return {};
  const fe = data.fieldErrors;
  if (!fe || typeof fe !== "object") return {};
  return Object.fromEntries(Object.entries(fe).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/**
 * Splits a failed call's `data.fieldErrors` into messages for the form's fields (matched on the
 * first segment of each path, so `roles.0` belongs to `roles`) and one for the form: the paths
 * it has no field for ("path: message"), or the whole message when no field is named.
 */
export function fieldErrors<F extends string>(err: unknown, fields: readonly F[]): { form: string | null; fields: Partial<Record<F, string>> } {
  const out: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  const entries = Object.entries(serverFieldErrors(err));
  for (const [path, message] of entries) {
    const field = path.split(".")[0] as F;
    if (fields.includes(field)) out[field] ??= capitalize(message);
    else rest.push(`${path}: ${message}`);
  }
  if (entries.length === 0) return { form: errorMessage(err), fields: out };
  return { form: rest.length ? rest.join("; ") : null, fields: out };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
