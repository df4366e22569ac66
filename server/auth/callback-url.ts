/**
 * Returns `value` if it is a same-origin relative path ("/acme/CHURN/board"), else "/". Rejects
 * protocol-relative ("//evil"), backslash tricks ("/\evil"), absolute URLs and control characters.
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  const hasControlChar = [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (value.startsWith("//") || value.includes("\\") || hasControlChar) return "/";
  try {
    const parsed = new URL(value, "http://runboard.invalid");
    if (parsed.origin !== "http://runboard.invalid") return "/";
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return "/";
  }
}
