import { z } from "zod";
import { RUNNER_STATUSES } from "@/db/schema";
import { Resources } from "@/runner/protocol";

export const RunnerRef = z.object({ runnerId: z.uuid() });

export const RunnerOut = z.object({
  id: z.uuid(),
  name: z.string(),
  labels: z.array(z.string()),
  resources: Resources,
  status: z.enum(RUNNER_STATUSES),
  online: z.boolean(),
  version: z.string().nullable(),
  lastSeenAt: z.date(),
  createdAt: z.date(),
  jobs: z.array(z.object({ id: z.uuid(), project: z.string(), state: z.string(), gpus: z.number().int(), startedAt: z.date().nullable() })),
});
export type RunnerOut = z.infer<typeof RunnerOut>;

export const RegistrationTokenOut = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
});
