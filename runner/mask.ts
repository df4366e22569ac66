// Secret masking for job output. No imports: the agent masks before sending, the server masks again on append.

export const MASK = "***";

/** The secret values of a command spec: the `env` entries named in `secretEnv` (empty values are ignored). */
export function secretValues(spec: { kind: string; env?: Record<string, string>; secretEnv?: string[] }): string[] {
  if (spec.kind !== "command" || !spec.env || !spec.secretEnv) return [];
  const values = spec.secretEnv.map((name) => spec.env![name]).filter((v): v is string => typeof v === "string" && v.length > 0);
  // Longest first, so a secret that contains another is masked whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of every secret in `text` with ***. Stateless: for whole chunks. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

/**
 * Streaming masker for one output stream: a secret split across writes is still masked, because
 * any tail that could be the start of a secret is held back until the next write (or `end`).
 */
export class SecretMasker {
  private held = "";
  private readonly secrets: string[];

  constructor(secrets: readonly string[]) {
    this.secrets = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  }

  /** Masked text that is safe to emit now. */
  push(data: string): string {
    if (this.secrets.length === 0) return data;
    const text = maskSecrets(this.held + data, this.secrets);
    const keep = this.pendingPrefix(text);
    this.held = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** Whatever was held back (it cannot complete a secret any more). */
  end(): string {
    const rest = this.held;
    this.held = "";
    return rest;
  }

  /** Length of the longest suffix of `text` that is a proper prefix of some secret. */
  private pendingPrefix(text: string): number {
    let best = 0;
    for (const s of this.secrets) {
      for (let k = Math.min(s.length - 1, text.length); k > best; k--) {
        if (text.endsWith(s.slice(0, k))) {
          best = k;
          break;
        }
      }
    }
    return best;
  }
}
