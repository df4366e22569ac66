import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { artifactsClient, tempArtifactStore } from "../testing";
import { mlflowRunWorkspace, tokenFor } from "./setup";

const database = withTestDb();

const store = tempArtifactStore();

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(store.root, path.join(e.parentPath, e.name)));
}

const workspace = () => mlflowRunWorkspace(database, store);

describe("MLflow proxied artifacts", () => {
  it("uploads, lists and downloads a run's artifacts under the project's prefix", async () => {
    const { art, mlflow, root, runId, project } = await workspace();
    expect(root).toMatch(/^\d+\/[0-9a-f]{32}\/artifacts$/);
    expect(await art("PUT", `${root}/model/weights.bin`, "0123456789")).toMatchObject({ status: 200, body: {} });
    expect((await art("PUT", `${root}/notes.txt`, "hello")).status).toBe(200);

    expect((await art("GET", `?path=${encodeURIComponent(root)}`)).body).toEqual({
      files: [{ path: "model", is_dir: true }, { path: "notes.txt", is_dir: false, file_size: 5 }],
    });
    expect((await art("GET", `?path=${root}/model`)).body).toEqual({ files: [{ path: "weights.bin", is_dir: false, file_size: 10 }] });
    expect(await mlflow("GET", "artifacts/list", { run_id: runId })).toMatchObject({
      status: 200,
      body: { root_uri: `mlflow-artifacts:/${root}`, files: [{ path: "model", is_dir: true }, { path: "notes.txt", is_dir: false, file_size: 5 }] },
    });
    expect((await mlflow("GET", "artifacts/list", { run_id: runId, path: "model" })).body.files).toEqual([
      { path: "model/weights.bin", is_dir: false, file_size: 10 },
    ]);

    const got = await art("GET", `${root}/model/weights.bin`);
    expect(got.status).toBe(200);
    expect(got.bytes.toString()).toBe("0123456789");
    expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="weights.bin"/);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(allFiles(store.root)).toContain(path.join("projects", project.id, root, "model", "weights.bin"));

    expect(await art("GET", `${root}/missing.txt`)).toMatchObject({ status: 404 });
  });

  it("never serves HTML or SVG inline", async () => {
    const { art, root } = await workspace();
    for (const name of ["page.html", "image.svg", "x.htm", "noext"]) {
      await art("PUT", `${root}/${name}`, "<script>alert(1)</script>");
      const res = await art("GET", `${root}/${name}`);
      expect(res.headers.get("content-type")).toBe("application/octet-stream");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("refuses path attacks with 400 and writes nothing outside the run's folder", async () => {
    const { art, root } = await workspace();
    const before = allFiles(store.root).sort();
    const attacks = [
      `${root}/../../../../etc/passwd`,
      `${root}/..%2f..%2f..%2fetc%2fpasswd`,
      `${root}/%2e%2e/%2e%2e/x`,
      `${root}/%252e%252e%252fescape.txt`,
      `${root}/..%5c..%5cwin.txt`,
      `${root}/a\\..\\..\\b.txt`,
      `${root}/a;jsessionid=1/b.txt`,
      `${root}/..;/x.txt`,
      `/${root}/abs.txt`,
      `${root}//double.txt`,
      `${root}/nul%00.txt`,
      `${root}/./x.txt`,
    ];
    for (const a of attacks) {
      for (const method of ["PUT", "GET"] as const) {
        const res = await art(method, a, method === "PUT" ? "pwned" : undefined);
        expect({ a, method, status: res.status, code: res.body?.error_code }).toEqual({ a, method, status: 400, code: "INVALID_PARAMETER_VALUE" });
      }
    }
    for (const q of ["../etc", `${root}/..%2f..`, `${root}/%2e%2e`, "/etc", `${root}\\..`]) {
      expect((await art("GET", `?path=${encodeURIComponent(q)}`)).status).toBe(400);
    }
    expect(allFiles(store.root).sort()).toEqual(before);
  });

  it("answers 404 for paths that are not a run of this project, another org's token included", async () => {
    const a = await workspace();
    const b = await workspace();
    expect((await a.art("PUT", `${b.root}/x.txt`, "x")).status).toBe(404);
    expect((await b.art("PUT", `${b.root}/x.txt`, "secret")).status).toBe(200);
    expect((await a.art("GET", `${b.root}/x.txt`)).status).toBe(404);
    expect((await a.art("GET", `?path=${b.root}`)).status).toBe(404);
    expect((await a.mlflow("GET", "artifacts/list", { run_id: b.runId })).status).toBe(404);
    // B's token against A's org URL: no membership there.
    const cross = artifactsClient(database.db, a.org.slug, a.project.key, { token: b.token }, store);
    expect((await cross("GET", `${a.root}/x.txt`)).status).toBe(404);
    // a made-up run id in the right experiment, and folders above a run
    expect((await a.art("PUT", `${a.exp}/${"0".repeat(32)}/artifacts/x.txt`, "x")).status).toBe(404);
    expect((await a.art("GET", `?path=${a.exp}`)).status).toBe(404);
    expect((await a.art("GET", "")).status).toBe(404);
  });

  it("lets viewers read but not write, and refuses anonymous callers", async () => {
    const { art, clients, org, project, members, root } = await workspace();
    await art("PUT", `${root}/a.txt`, "a");
    const viewerToken = await tokenFor(database, org.id, members.viewer.id);
    const viewer = artifactsClient(database.db, org.slug, project.key, { token: viewerToken }, store);
    expect(await viewer("PUT", `${root}/b.txt`, "b")).toMatchObject({ status: 403, body: { error_code: "PERMISSION_DENIED" } });
    expect((await viewer("GET", `${root}/a.txt`)).status).toBe(200);
    const anon = artifactsClient(database.db, org.slug, project.key, null, store);
    expect((await anon("GET", `${root}/a.txt`)).status).toBe(401);
    expect(clients.viewer).toBeDefined();
  });
});
