import { describe, expect, it } from "vitest";
import { addTestMember, createTestOrg, createTestProject, createTestUser } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { callerFor } from "@/server/trpc/testing";

const database = withTestDb();

describe("version numbers past the integer column's range", () => {
  it("answer 400 naming the field (dataset versions, lineage, job specs), not a failed query", async () => {
    const user = await createTestUser(database.db);
    const org = await createTestOrg(database.db);
    await addTestMember(database.db, org.id, user.id, ["admin"]);
    const { key } = await createTestProject(database.db, org.id);
    const trpc = callerFor(database.db, user);
    await trpc.datasets.create({ org: org.slug, key, name: "iris", licence: "CC0", containsPersonalData: false });
    const big = 2 ** 31;
    const refused = { code: "BAD_REQUEST", message: expect.stringMatching(/version: must be at most 2147483647|version/) };
    await expect(trpc.datasets.version({ org: org.slug, key, name: "iris", version: big })).rejects.toMatchObject(refused);
    await expect(trpc.datasets.markReady({ org: org.slug, key, name: "iris", version: big })).rejects.toMatchObject(refused);
    await expect(trpc.datasets.diff({ org: org.slug, key, name: "iris", version: 1, against: big })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(trpc.models.lineage({ org: org.slug, key, kind: "dataset_version", name: "iris", version: big })).rejects.toMatchObject(refused);
    const train = { kind: "train" as const, dataset: { name: "iris", version: big }, target: "label", registerAs: "m" };
    await expect(trpc.jobs.create({ org: org.slug, key, spec: train })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const evaluate = { kind: "evaluate" as const, dataset: { name: "iris", version: 1 }, model: { name: "m", version: big } };
    await expect(trpc.jobs.create({ org: org.slug, key, spec: evaluate })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
