import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "../content-disposition";

/** What a browser saves the file as: RFC 5987's filename* when present. */
function savedName(header: string): string {
  const star = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  return decodeURIComponent(star!);
}

describe("attachmentDisposition", () => {
  it.each(["模型 权重.onnx", "naïve €.csv", "emoji 🚀.txt", `quote"back\\slash'paren(1)*.bin`, "percent%20name.txt", "plain.txt"])(
    "gives a valid header for %s whose filename* names the file exactly",
    (name) => {
      const header = attachmentDisposition(name);
      expect(() => new Headers({ "content-disposition": header })).not.toThrow();
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(savedName(header)).toBe(name);
      expect(/filename="([^"]*)"/.exec(header)![1]).toMatch(/^[\x20-\x7e]+$/);
    },
  );

  it("keeps a plain ASCII name in the fallback and survives a lone surrogate", () => {
    expect(attachmentDisposition("weights.bin")).toBe(`attachment; filename="weights.bin"; filename*=UTF-8''weights.bin`);
    const header = attachmentDisposition("bad\ud800.txt");
    expect(() => new Headers({ "content-disposition": header })).not.toThrow();
    expect(savedName(header)).toBe("bad\ufffd.txt");
  });
});
