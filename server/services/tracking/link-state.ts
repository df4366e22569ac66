import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import { cardLinks, cards } from "@/db/schema";
import { datasetVersionsById, modelVersionsById } from "../lineage/link-targets";
import type { OrgContext } from "../context";
import { runIdHex } from "../mlflow/internal";
import { projectScope } from "../projects/project-scope";
import { KEY_METRIC_TAG, PROGRESS_TAG } from "@/lib/run-tags";
import type { ListExperimentsInput } from "./schemas";

const TOTAL_STEP_PARAMS = ["max_steps", "num_steps", "total_steps", "epochs", "num_epochs", "n_epochs", "max_epochs"];

type Row = {
  card_number: number;
  run_id: string;
  name: string;
  status: string;
  start_time: number;
  progress_tag: string | null;
  total_param: string | null;
  metric_key: string | null;
  metric_value: number | null;
  metric_step: number | null;
};

/** "0.4", "40%" or "40/100" → 0.4; anything else → null. */
function parseProgress(v: string | null): number | null {
  if (!v) return null;
  const s = v.trim();
  const frac = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(s);
  const n = frac ? Number(frac[1]) / Number(frac[2]) : s.endsWith("%") ? Number(s.slice(0, -1)) / 100 : Number(s);
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : null;
}

/**
 * The live state of every run linked to a card of this project's board: status, progress (the
 * `runboard.progress` tag, else the key metric's step over a max_steps/epochs param) and the latest
 * value of the experiment's key metric (its `runboard.key_metric` tag, else the run's first logged metric).
 */
export async function getLinkState({ ctx, input }: { ctx: OrgContext; input: ListExperimentsInput }) {
  const p = await projectScope(ctx, input.key, "run.read");
  const res = await ctx.db.execute(sql`
    select c.number as card_number, r.id as run_id, r.name, r.status, r.start_time::float8 as start_time,
      (select t.value from run_tags t where t.run_id = r.id and t.key = ${PROGRESS_TAG}) as progress_tag,
      (select rp.value from run_params rp where rp.run_id = r.id and rp.key in (${sql.join(TOTAL_STEP_PARAMS.map((k) => sql`${k}`), sql`, `)}) order by rp.key limit 1) as total_param,
      km.key as metric_key, lm.value as metric_value, lm.step::float8 as metric_step
    from card_links l
    join cards c on c.id = l.card_id
    join runs r on r.id = (case when l.kind = 'run' then l.target::uuid end) and r.lifecycle_stage = 'active'
    left join lateral (
      select coalesce(
        (select et.value from experiment_tags et where et.experiment_id = r.experiment_id and et.key = ${KEY_METRIC_TAG}),
        (select x.key from latest_metrics x
           cross join lateral (select m.id from metrics m where m.run_id = x.run_id and m.key = x.key order by m.step, m.timestamp, m.id limit 1) f
           where x.run_id = r.id order by f.id limit 1)
      ) as key
    ) km on true
    left join latest_metrics lm on lm.run_id = r.id and lm.key = km.key
    where l.kind = 'run' and c.project_id = ${p.project.id}
    order by c.number, r.start_time desc`);
  const byCard = new Map<string, ReturnType<typeof toRun>[]>();
  function toRun(r: Row) {
    const total = r.total_param !== null ? Number(r.total_param) : NaN;
    const stepProgress = r.metric_step !== null && total > 0 ? Math.min(1, (Number(r.metric_step) + 1) / total) : null;
    return {
      id: runIdHex(r.run_id),
      name: r.name,
      status: r.status,
      progress: parseProgress(r.progress_tag) ?? (r.status === "FINISHED" ? 1 : stepProgress),
      keyMetric: r.metric_key && r.metric_value !== null ? { key: r.metric_key, value: Number(r.metric_value), step: Number(r.metric_step) } : null,
    };
  }
  for (const r of rowsOf<Row>(res)) {
    const key = `${p.project.key}-${r.card_number}`;
    if (!byCard.has(key)) byCard.set(key, []);
    byCard.get(key)!.push(toRun(r));
  }
  const others = await ctx.db
    .select({ number: cards.number, kind: cardLinks.kind, target: cardLinks.target })
    .from(cardLinks)
    .innerJoin(cards, eq(cards.id, cardLinks.cardId))
    .where(and(eq(cards.projectId, p.project.id), inArray(cardLinks.kind, ["dataset_version", "model_version"])))
    .orderBy(cards.number, cardLinks.createdAt);
  const [ds, mv] = await Promise.all([
    datasetVersionsById(ctx.db, p.project.id, others.filter((o) => o.kind === "dataset_version").map((o) => o.target)),
    modelVersionsById(ctx.db, p.project.id, others.filter((o) => o.kind === "model_version").map((o) => o.target)),
  ]);
  type State = { cardKey: string; runs: ReturnType<typeof toRun>[]; datasetVersions: typeof ds; modelVersions: typeof mv };
  const out = new Map<string, State>([...byCard].map(([cardKey, linked]) => [cardKey, { cardKey, runs: linked, datasetVersions: [], modelVersions: [] }]));
  for (const o of others) {
    const cardKey = `${p.project.key}-${o.number}`;
    const d = o.kind === "dataset_version" ? ds.find((x) => x.id === o.target) : undefined;
    const m = o.kind === "model_version" ? mv.find((x) => x.id === o.target) : undefined;
    if (!d && !m) continue;
    if (!out.has(cardKey)) out.set(cardKey, { cardKey, runs: [], datasetVersions: [], modelVersions: [] });
    if (d) out.get(cardKey)!.datasetVersions.push(d);
    if (m) out.get(cardKey)!.modelVersions.push(m);
  }
  return [...out.values()];
}
