import type { Db } from "@/db/client";
import { createTestProject, createTestTeam, orgCtx } from "@/db/testing";
import type { Resources } from "@/runner/protocol";
import { createRegistrationToken } from "@/server/services/runners/create-registration-token";
import { createJob } from "../../jobs/create-job";
import { authenticateRunner } from "../internal";
import { registerRunner } from "../../runners/register";
import type { CreateJobInput } from "../../jobs/schemas";

export const CPU_ONLY: Resources = { cpus: 2, memoryBytes: 4 * 2 ** 30, gpus: [] };
export const TWO_GPUS: Resources = {
  cpus: 16,
  memoryBytes: 64 * 2 ** 30,
  gpus: [0, 1].map((index) => ({ index, name: "Fake GPU", memoryMb: 81_000, utilization: 0, powerW: 50 })),
};

/** An organization with a project, a developer who queues jobs and an admin's registration token. */
export async function setupRunnerWorld(db: Db) {
  const { org, members } = await createTestTeam(db);
  const project = await createTestProject(db, org.id);
  const dev = await orgCtx(db, org.id, members.developer.id);
  const admin = await orgCtx(db, org.id, members.admin.id);
  const reg = await createRegistrationToken({ ctx: admin, input: { name: "test runners" } });
  const addRunner = async (name: string, resources: Resources = CPU_ONLY, labels: string[] = []) => {
    const r = await registerRunner({ db, input: { registrationToken: reg.token, name, labels, resources } });
    return { ...(await authenticateRunner(db, `Bearer ${r.token}`)), token: r.token };
  };
  const queue = (input: Partial<CreateJobInput> = {}) =>
    createJob({ ctx: dev, input: { key: project.key, spec: { kind: "command", command: "echo hi" }, ...input } });
  return { org, members, project, dev, admin, reg, addRunner, queue };
}
