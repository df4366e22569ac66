import { z } from "zod";

/**
 * PostgreSQL stores no NUL in text (22021) and jsonb refuses the escapes of NUL and of an unpaired
 * UTF-16 surrogate (22P05), so a string carrying either is refused at the boundary, never at the insert.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const UNSTORABLE_TEXT = "must not contain NUL characters or unpaired surrogates";

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** Machine-written text (process output, nvidia-smi names): each NUL or unpaired surrogate becomes U+FFFD. */
export function toStorableText(value: string): string {
  return value.replace(new RegExp(UNSTORABLE.source, "g"), "\uFFFD");
}

/** Every user-facing string goes through this: a string the database can store. Chain `.trim().max()` as usual. */
export function text(message = UNSTORABLE_TEXT) {
  return z.string().refine(isStorableText, message);
}

/**
 * The first unstorable string in a JSON-ish value (object keys included), as a path, or undefined.
 * Iterative, with parent links rather than copied paths, so deep nesting costs neither stack nor time.
 */
export function findUnstorable(value: unknown): (string | number)[] | undefined {
  interface Node {
    value: unknown;
    key?: string | number;
    parent?: Node;
  }
  const pathOf = (node: Node | undefined, last?: string) => {
    const out: (string | number)[] = last === undefined ? [] : [last];
    for (let n = node; n && n.key !== undefined; n = n.parent) out.push(n.key);
    return out.reverse();
  };
  const stack: Node[] = [{ value }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === "string") {
      if (!isStorableText(v)) return pathOf(node);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: node });
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      for (const [k] of entries) if (!isStorableText(k)) return pathOf(node, k);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], key: entries[i]![0], parent: node });
    }
  }
  return undefined;
}
