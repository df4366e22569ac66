import { describe, expect, it } from "vitest";
import { dropOf, listOf, moveAcross, type Lists } from "./use-sortable-lists";

const lists: Lists = { todo: ["A-1", "A-2", "A-3"], doing: ["A-4", "A-5"], done: [] };

describe("listOf", () => {
  it("finds the list of an item, and a list by its own id", () => {
    expect(listOf("A-4", lists)).toBe("doing");
    expect(listOf("done", lists)).toBe("done");
    expect(listOf("A-9", lists)).toBeUndefined();
  });
});

describe("moveAcross", () => {
  it("puts the item before the one it is over in another list, or after it when below its middle", () => {
    expect(moveAcross(lists, "A-1", "A-5", false)).toEqual({ todo: ["A-2", "A-3"], doing: ["A-4", "A-1", "A-5"], done: [] });
    expect(moveAcross(lists, "A-1", "A-5", true)).toEqual({ todo: ["A-2", "A-3"], doing: ["A-4", "A-5", "A-1"], done: [] });
  });

  it("appends the item when it is over a list rather than an item (an empty column)", () => {
    expect(moveAcross(lists, "A-2", "done", false)).toEqual({ todo: ["A-1", "A-3"], doing: ["A-4", "A-5"], done: ["A-2"] });
  });

  it("leaves the lists alone while the item stays in its own list", () => {
    expect(moveAcross(lists, "A-1", "A-3", true)).toBe(lists);
  });
});

describe("dropOf", () => {
  it("reorders within a list and reports the new neighbours", () => {
    // Keyboard: the last card lifted and moved up over the middle one.
    expect(dropOf(lists, lists, "todo", "A-3", "A-2")).toEqual({ key: "A-3", from: "todo", to: "todo", index: 1, after: "A-1", before: "A-2" });
  });

  it("reports a move into another list with its neighbours there", () => {
    const current = moveAcross(lists, "A-1", "A-5", false);
    expect(dropOf(current, lists, "todo", "A-1", "A-1")).toEqual({ key: "A-1", from: "todo", to: "doing", index: 1, after: "A-4", before: "A-5" });
  });

  it("reports a move into an empty list with no neighbours", () => {
    const current = moveAcross(lists, "A-2", "done", false);
    expect(dropOf(current, lists, "todo", "A-2", "done")).toEqual({ key: "A-2", from: "todo", to: "done", index: 0, after: undefined, before: undefined });
  });

  it("is null when the item ends where it started, so nothing is sent", () => {
    expect(dropOf(lists, lists, "todo", "A-2", "A-2")).toBeNull();
    expect(dropOf(lists, lists, "todo", "A-2", "todo")).toBeNull();
  });
});
