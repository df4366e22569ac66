import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { errorClient } from "./error-client";

async function failure(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof TRPCClientError)) throw new Error(`expected a TRPCClientError, got ${String(err)}`);
  return err as unknown as { message: string; data: { code: string; fieldErrors: Record<string, string> } };
}

describe("tRPC error formatter", () => {
  const api = errorClient();

  it("sends zod issues as data.fieldErrors keyed by the full dotted input path, and a message naming each field", async () => {
    const err = await failure(api.sprint.mutate({ name: "", endDate: "soon", job: { spec: { command: "" } } }));
    expect(err.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { name: "must not be empty", endDate: "must be a date", "job.spec.command": "must not be empty" } });
    expect(err.message).toBe("name: must not be empty; endDate: must be a date; job.spec.command: must not be empty");
  });

  it("leaves issues about the whole input out of fieldErrors but keeps them in the message", async () => {
    const err = await failure(api.root.mutate({ a: "x", b: "x" }));
    expect(err.data.fieldErrors).toEqual({});
    expect(err.message).toBe("a and b must differ");
  });

  it("sends a service error's field as data.fieldErrors and names it in the message", async () => {
    const err = await failure(api.badField.mutate());
    expect(err.data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { endDate: "must not be before startDate" } });
    expect(err.message).toBe("endDate: must not be before startDate");
    const conflict = await failure(api.conflictField.mutate());
    expect(conflict.data).toMatchObject({ code: "CONFLICT", fieldErrors: { name: "a dataset named x already exists in P" } });
    expect(conflict.message).toBe("name: a dataset named x already exists in P");
  });

  it("sends an empty fieldErrors for errors about no field, and hides internal errors", async () => {
    const forbidden = await failure(api.forbidden.mutate());
    expect(forbidden.data).toMatchObject({ code: "FORBIDDEN", fieldErrors: {} });
    expect(forbidden.message).toBe("Your role (viewer) does not allow you to plan sprints");
    const crash = await failure(api.crash.mutate());
    expect(crash.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", fieldErrors: {} });
    expect(crash.message).toBe("Something went wrong on our side (request req-1)");
  });
});
