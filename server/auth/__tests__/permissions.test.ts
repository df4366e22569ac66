import { describe, expect, it } from "vitest";
import { assertCan, assertCanGrant, can, grantableRoles } from "../permissions";
import { ForbiddenError } from "@/server/services/errors";

describe("permissions", () => {
  it("lets admins and managers create projects but not viewers or data scientists", () => {
    expect(can(["admin"], "project.create")).toBe(true);
    expect(can(["manager"], "project.create")).toBe(true);
    expect(can(["viewer"], "project.create")).toBe(false);
    expect(can(["data_scientist"], "project.create")).toBe(false);
  });
  it("combines several roles", () => {
    expect(can(["viewer", "manager"], "project.create")).toBe(true);
  });
  it("shows the audit log to admins only", () => {
    expect(can(["admin"], "audit.read")).toBe(true);
    expect(can(["manager"], "audit.read")).toBe(false);
  });
  it("throws a ForbiddenError that says what was refused", () => {
    expect(() => assertCan(["viewer"], "project.create")).toThrow(ForbiddenError);
    expect(() => assertCan(["viewer"], "project.create")).toThrow(/viewer.*create projects/);
  });
  it("lets nobody grant a role they do not hold, except admins who may grant any", () => {
    expect(grantableRoles(["manager", "data_scientist"])).toEqual(["manager", "data_scientist"]);
    expect(() => assertCanGrant(["manager"], ["admin"])).toThrow(/cannot grant admin/);
    expect(() => assertCanGrant(["manager"], ["manager"])).not.toThrow();
    expect(() => assertCanGrant(["admin"], ["data_engineer", "viewer"])).not.toThrow();
  });
});
