import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "../callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-origin relative paths with query and hash", () => {
    expect(safeCallbackPath("/acme/CHURN/board?x=1#c")).toBe("/acme/CHURN/board?x=1#c");
  });
  it.each([
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "/ok\nSet-Cookie: x",
    "",
    undefined,
    42,
  ])("sends %j to the home page", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });
});
