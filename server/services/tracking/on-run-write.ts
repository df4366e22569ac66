import type { Db } from "@/db/client";
import { linkRunToTaggedCards } from "./card-links";
import { CARD_TAG } from "@/lib/run-tags";
import { notifyRun, type RunEventKind } from "./notify";

/**
 * Called by the MLflow write verbs inside their transaction after a run changed: links the run to
 * the cards a `runboard.card` tag names and tells open pages (run page, board badges) to refresh.
 */
export async function afterRunWrite(
  tx: Db,
  run: { id: string; projectId: string },
  change: { kind: RunEventKind; tags?: { key: string; value: string }[]; userId?: string | null },
): Promise<void> {
  const cardTag = change.tags?.findLast((t) => t.key === CARD_TAG);
  if (cardTag) await linkRunToTaggedCards(tx, run, cardTag.value, change.userId ?? null);
  await notifyRun(tx, { projectId: run.projectId, runId: run.id, kind: change.kind });
}
