import "server-only";
import path from "node:path";
import { env } from "@/server/env";
import { ArtifactStore } from "./artifact-store";

const g = globalThis as unknown as { __runboardArtifacts?: ArtifactStore };

/** The process-wide artifact store under `<RUNBOARD_DATA_DIR>/artifacts`. */
export function artifactStore(): ArtifactStore {
  return (g.__runboardArtifacts ??= new ArtifactStore(path.resolve(env().RUNBOARD_DATA_DIR, "artifacts")));
}
