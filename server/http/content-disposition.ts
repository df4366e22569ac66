/** RFC 5987 attr-char: what may stand unencoded in `filename*`. */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

function encodeRfc5987(value: string): string {
  let out = "";
  // Buffer.from writes a lone surrogate as U+FFFD instead of throwing as encodeURIComponent does.
  for (const byte of Buffer.from(value, "utf8")) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * `Content-Disposition: attachment` for any file name: an ASCII `filename` for old clients (other
 * characters, quotes, backslashes and % become _) and the exact name as UTF-8 in `filename*`
 * (RFC 6266/5987). A header value must be Latin-1, so a raw non-Latin-1 name would throw.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, "_").trim() || "download";
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
