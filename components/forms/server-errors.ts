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

export interface FieldErrors<F extends string> {
  /** What no field shows: the paths the form has no field for ("path: message"), or the whole message. */
  form: string | null;
  fields: Partial<Record<F, string>>;
}

/**
 * Splits a failed call's `data.fieldErrors` into messages per form field, `fieldOf` naming the
 * field an input path belongs to (null: the form shows it). Distinct messages for one field are
 * joined; the whole message goes to the form when the server named no field.
 */
export function fieldErrorsBy<F extends string>(err: unknown, fieldOf: (path: string) => F | null): FieldErrors<F> {
  const byField = new Map<F, Set<string>>();
  const rest: string[] = [];
  const entries = Object.entries(serverFieldErrors(err));
  for (const [path, message] of entries) {
    const field = fieldOf(path);
    if (field === null) rest.push(`${path}: ${message}`);
    else byField.set(field, (byField.get(field) ?? new Set()).add(message));
  }
  const fields: Partial<Record<F, string>> = {};
  for (const [field, messages] of byField) fields[field] = capitalize([...messages].join("; "));
  if (entries.length === 0) return { form: errorMessage(err), fields };
  return { form: rest.length ? rest.join("; ") : null, fields };
}

/** fieldErrorsBy for forms whose fields are the input's top-level keys (`roles.0` belongs to `roles`). */
export function fieldErrors<F extends string>(err: unknown, fields: readonly F[]): FieldErrors<F> {
  return fieldErrorsBy(err, (path) => {
    const head = path.split(".")[0] as F;
    return fields.includes(head) ? head : null;
  });
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
