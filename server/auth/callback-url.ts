/**
 * Returns `value` if it is a same-origin relative path ("/acme/CHURN/board"), else "/". Rejects
 * protocol-relative ("//evil"), backslash tricks ("/\evil"), absolute URLs and control characters.
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  if (value.startsWith("//") || value.includes("\\") || /[\u0000-\u001f\u007f]/.test(value)) return "/";
  try {
    const parsed = new URL(value, "http://runboard.invalid");
    if (parsed.origin !== "http://runboard.invalid") return "/";
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return "/";
  }
}
