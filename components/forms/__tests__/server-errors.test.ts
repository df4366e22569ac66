import { describe, expect, it } from "vitest";
import { errorClient } from "@/server/trpc/__tests__/error-client";
import { errorMessage, fieldErrors } from "../server-errors";

const api = errorClient();
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected the call to fail"); }, (e: unknown) => e);

describe("fieldErrors", () => {
  it("puts each field's message under the form field its path starts with, capitalised", async () => {
    const err = await failure(api.sprint.mutate({ name: "", endDate: "soon", job: { spec: { command: "" } } }));
    expect(fieldErrors(err, ["name", "endDate", "job"] as const)).toEqual({
      form: null,
      fields: { name: "Must not be empty", endDate: "Must be a date", job: "Must not be empty" },
    });
  });

  it("keeps paths the form has no field for as the form message", async () => {
    const err = await failure(api.sprint.mutate({ name: "", endDate: "2026-03-01", job: { spec: { command: "" } } }));
    expect(fieldErrors(err, ["name"] as const)).toEqual({ form: "job.spec.command: must not be empty", fields: { name: "Must not be empty" } });
  });

  it("reads a service error's field", async () => {
    const err = await failure(api.badField.mutate());
    expect(fieldErrors(err, ["startDate", "endDate"] as const)).toEqual({ form: null, fields: { endDate: "Must not be before startDate" } });
  });

  it("gives the whole message to the form when no field is named", async () => {
    const forbidden = await failure(api.forbidden.mutate());
    expect(fieldErrors(forbidden, ["name"] as const)).toEqual({ form: "Your role (viewer) does not allow you to plan sprints", fields: {} });
    const root = await failure(api.root.mutate({ a: "x", b: "x" }));
    expect(fieldErrors(root, ["a", "b"] as const)).toEqual({ form: "a and b must differ", fields: {} });
  });

  it("does not parse field names out of a message: a network failure or a plain Error is the form message", () => {
    expect(fieldErrors(new Error("name: looks like a field"), ["name"] as const)).toEqual({ form: "name: looks like a field", fields: {} });
    expect(fieldErrors(new TypeError("Failed to fetch"), ["name"] as const)).toEqual({
      form: "Runboard could not be reached. Check your connection and try again.",
      fields: {},
    });
  });
});

describe("errorMessage", () => {
  it("returns the server's message, or a generic one", async () => {
    expect(errorMessage(await failure(api.badField.mutate()))).toBe("endDate: must not be before startDate");
    expect(errorMessage(null)).toBe("Something went wrong. Try again.");
  });
});
