import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/server/trpc/openapi";

describe("OpenAPI document", () => {
  it("lists the dataset procedures and the hand-described streaming upload and download", () => {
    const doc = openApiDocument("http://localhost/api/v1");
    const versions = doc.paths?.["/orgs/{org}/projects/{key}/datasets/{name}/versions"];
    expect(versions?.get?.operationId).toBeTruthy();
    expect(versions?.post?.operationId).toBe("datasets-uploadVersion");
    expect(doc.paths?.["/orgs/{org}/projects/{key}/datasets/{name}/versions/{version}/download"]?.get).toBeTruthy();
    expect(doc.paths?.["/orgs/{org}/projects/{key}/datasets/{name}/versions/{version}/diff"]?.get).toBeTruthy();
  });
});
