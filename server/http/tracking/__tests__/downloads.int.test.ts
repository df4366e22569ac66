import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { mlflowRunWorkspace } from "@/server/http/mlflow/__tests__/setup";
import { tempArtifactStore } from "@/server/http/mlflow/testing";
import { buildContext } from "@/server/trpc/context";
import { downloadArtifact } from "../downloads";

const database = withTestDb();

describe("run artifact download", () => {
  it("serves a file whose name is not Latin-1, named exactly in filename*", async () => {
    // readArtifact reads the process store: point it at a temporary one for this file.
    const store = ((globalThis as unknown as { __runboardArtifacts?: unknown }).__runboardArtifacts = tempArtifactStore());
    const ws = await mlflowRunWorkspace(database, store as ReturnType<typeof tempArtifactStore>);
    const name = "模型 权重 €.txt";
    const put = await ws.art("PUT", `${ws.root}/${encodeURIComponent(name)}`, "weights");
    expect(put.status).toBe(200);
    const req = new Request(`http://localhost/api/runs/${ws.org.slug}/${ws.project.key}/${ws.runId}/artifacts/x`, { headers: { authorization: `Bearer ${ws.token}` } });
    const res = await downloadArtifact(req, { org: ws.org.slug, project: ws.project.key, runId: ws.runId, path: [name] }, (r) =>
      buildContext({ db: database.db, req: r, getSession: async () => null }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("weights");
    const disposition = res.headers.get("content-disposition")!;
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe(name);
  });
});
