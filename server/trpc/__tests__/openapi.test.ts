import { describe, expect, it } from "vitest";
import { openApiDocument } from "../openapi";

describe("OpenAPI document", () => {
  it("generates and documents the public REST API", () => {
    const doc = openApiDocument("http://localhost:3000/api/v1");
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths ?? {})).toEqual(
      expect.arrayContaining(["/me", "/orgs/{org}/projects", "/orgs/{org}/members", "/orgs/{org}/projects/{key}"]),
    );
    expect(doc.paths?.["/orgs/{org}/projects"]?.post?.requestBody).toBeDefined();
    expect(doc.paths?.["/orgs/{org}/members"]?.get?.parameters).toContainEqual(expect.objectContaining({ name: "org", in: "path" }));
  });

  it("documents invitations and no longer offers adding a member directly", () => {
    const doc = openApiDocument("http://localhost:3000/api/v1");
    expect(doc.paths?.["/orgs/{org}/members"]?.post).toBeUndefined();
    expect(doc.paths?.["/orgs/{org}/invitations"]?.post?.requestBody).toBeDefined();
    expect(doc.paths?.["/orgs/{org}/invitations"]?.get).toBeDefined();
    expect(doc.paths?.["/orgs/{org}/invitations/{invitationId}"]?.delete).toBeDefined();
    expect(doc.paths?.["/orgs/{org}/invitations/{invitationId}/resend"]?.post).toBeDefined();
  });
});
