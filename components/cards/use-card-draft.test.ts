import { describe, expect, it } from "vitest";
import { cardInput, changedInput, editDraft, fieldsOfCard, isConflict, saveRequest, type EditableCard } from "./use-card-draft";

const card: EditableCard = {
  title: "Retrain the churn model",
  description: "On **March** data",
  type: "experiment",
  stage: "model",
  role: "data_scientist",
  assigneeId: "user-1",
  points: 3,
  priority: "high",
  labels: ["drift", "gpu"],
  dueDate: "2026-04-01",
  version: 7,
};

describe("fieldsOfCard", () => {
  it("shows empty values as empty controls and labels as a comma-separated list", () => {
    const fields = fieldsOfCard({ ...card, stage: null, role: null, assigneeId: null, points: null, dueDate: null, labels: [] });
    expect(fields).toMatchObject({ stage: "", role: "", assigneeId: "", points: "", dueDate: "", labels: "" });
    expect(fieldsOfCard(card).labels).toBe("drift, gpu");
    expect(fieldsOfCard(card).points).toBe("3");
  });

  it("keeps 0 points as 0, not empty", () => {
    expect(fieldsOfCard({ ...card, points: 0 }).points).toBe("0");
  });
});

describe("cardInput", () => {
  it("sends empty controls as null", () => {
    const input = cardInput({ ...fieldsOfCard(card), stage: "", role: "", assigneeId: "", points: "", dueDate: "" });
    expect(input).toMatchObject({ stage: null, role: null, assigneeId: null, points: null, dueDate: null });
  });

  it("parses points as a number", () => {
    expect(cardInput({ ...fieldsOfCard(card), points: "8" }).points).toBe(8);
    expect(cardInput({ ...fieldsOfCard(card), points: "0" }).points).toBe(0);
  });

  it("splits labels on commas, trims them and drops empty ones", () => {
    expect(cardInput({ ...fieldsOfCard(card), labels: " drift,, gpu , ,baseline " }).labels).toEqual(["drift", "gpu", "baseline"]);
    expect(cardInput({ ...fieldsOfCard(card), labels: " , " }).labels).toEqual([]);
  });

  it("trims the title but leaves the description as typed", () => {
    const input = cardInput({ ...fieldsOfCard(card), title: "  New title ", description: "  indented\n" });
    expect(input.title).toBe("New title");
    expect(input.description).toBe("  indented\n");
  });
});

describe("changedInput", () => {
  it("sends nothing when the form matches the card", () => {
    expect(changedInput(fieldsOfCard(card), card)).toEqual({});
  });

  it("sends only the fields that changed", () => {
    expect(changedInput({ ...fieldsOfCard(card), priority: "urgent", points: "5" }, card)).toEqual({ priority: "urgent", points: 5 });
  });

  it("does not count a reformatted but equal value as a change", () => {
    expect(changedInput({ ...fieldsOfCard(card), title: `  ${card.title}  `, labels: "drift,gpu" }, card)).toEqual({});
  });

  it("sends a cleared field as null", () => {
    expect(changedInput({ ...fieldsOfCard(card), points: "", assigneeId: "" }, card)).toEqual({ points: null, assigneeId: null });
  });
});

describe("editDraft", () => {
  it("starts from the card and remembers the version it was opened at", () => {
    const draft = editDraft(null, card, { title: "Mine" });
    expect(draft).toEqual({ fields: { ...fieldsOfCard(card), title: "Mine" }, version: 7 });
  });

  it("keeps earlier edits and the starting version when the card changes underneath", () => {
    const first = editDraft(null, card, { title: "Mine" });
    const newer = { ...card, version: 8, title: "Theirs", priority: "low" };
    const second = editDraft(first, newer, { points: "13" });
    expect(second.version).toBe(7);
    expect(second.fields.title).toBe("Mine");
    expect(second.fields.priority).toBe("high");
    expect(second.fields.points).toBe("13");
  });
});

describe("saveRequest", () => {
  it("is null when the edits bring every field back to the card's value", () => {
    const draft = editDraft(editDraft(null, card, { title: "Other" }), card, { title: card.title });
    expect(saveRequest(draft, card)).toBeNull();
  });

  it("sends the changed fields with the version the edit started from", () => {
    const draft = editDraft(null, card, { description: "Rewritten" });
    expect(saveRequest(draft, card)).toEqual({ description: "Rewritten", expectedVersion: 7 });
  });

  it("still sends the old version after someone else saved, so the server can refuse it", () => {
    const draft = editDraft(null, card, { title: "Mine" });
    const theirs = { ...card, version: 8, title: "Theirs" };
    expect(saveRequest(draft, theirs)).toEqual({ title: "Mine", expectedVersion: 7 });
  });
});

describe("isConflict", () => {
  it("recognises the 409 that a stale version gets", () => {
    expect(isConflict({ data: { code: "CONFLICT" } })).toBe(true);
    expect(isConflict({ data: { code: "BAD_REQUEST" } })).toBe(false);
    expect(isConflict({ data: null })).toBe(false);
    expect(isConflict(null)).toBe(false);
  });
});
