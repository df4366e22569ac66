import type { EvaluateSpec } from "../protocol";
import { StoppedError, type BuiltinContext } from "./context";
import { binaryReport, quantile, type BinaryReport } from "./metrics";
import { proxiedPath } from "./mlflow-http";
import { loadOrt, scoreWith } from "./onnx-run";
import { parseTable, toMatrix } from "./table";

interface ModelVersionJson {
  name: string;
  version: string;
  source: string;
  run_id?: string;
  tags?: { key: string; value: string }[];
}

export interface EvaluateResult {
  report: BinaryReport;
  latencyMsMedian: number;
  latencyMsP95: number;
  throughputRowsPerSecond: number;
}

/** Where a version's ONNX file is: `runs:/<id>/<path>` → `<path>/model.onnx` (or the .onnx file itself) in that run's artifacts. */
async function onnxPathOf(ctx: BuiltinContext, mv: ModelVersionJson): Promise<string> {
  const m = /^runs:\/([^/]+)(?:\/(.*))?$/.exec(mv.source);
  if (!m) throw new Error(`model version ${mv.name}/${mv.version}: source ${mv.source} is not runs:/<run_id>/<path>; only run artifacts can be evaluated`);
  const run = await ctx.mlflow.getRun(m[1]!);
  const rel = (m[2] ?? "").replace(/\/$/, "");
  const file = rel.toLowerCase().endsWith(".onnx") ? rel : rel ? `${rel}/model.onnx` : "model.onnx";
  return `${proxiedPath(run.info.artifact_uri)}/${file}`;
}

/** How many single-row inferences the latency figures are taken from. */
const LATENCY_SAMPLES = 1000;

/** The built-in `evaluate` job: see EvaluateSpec. */
export async function runEvaluate(spec: EvaluateSpec, ctx: BuiltinContext): Promise<EvaluateResult> {
  const { model_version: mv } = await ctx.mlflow.get<{ model_version: ModelVersionJson }>("model-versions/get", {
    name: spec.model.name,
    version: String(spec.model.version),
  });
  const tag = (k: string) => mv.tags?.find((t) => t.key === k)?.value;
  const featuresTag = tag("runboard.features");
  if (!featuresTag) throw new Error(`model version ${mv.name}/${mv.version} has no runboard.features tag: it was not trained by the built-in train job`);
  const features = JSON.parse(featuresTag) as string[];
  const target = spec.target ?? tag("runboard.target");
  if (!target) throw new Error("target: the model version names no target; set target in the spec");
  const positive = spec.positiveLabel ?? tag("runboard.positive_label") ?? "1";

  const path = await onnxPathOf(ctx, mv);
  const bytes = await ctx.mlflow.getArtifact(path);
  const ds = await ctx.dataset();
  const matrix = toMatrix(parseTable(ds.text, ds.format), features, target, positive);
  if (matrix.rows === 0) throw new Error("the dataset has no usable rows");
  ctx.log(
    `evaluate ${mv.name}/${mv.version} on ${spec.dataset.name}@${spec.dataset.version}: ${matrix.rows} rows` +
      `${matrix.dropped ? ` (${matrix.dropped} dropped for missing values)` : ""}, target ${target} (positive: ${positive})`,
  );

  const ort = await loadOrt();
  const session = await ort.InferenceSession.create(bytes);
  let result: EvaluateResult;
  try {
    const t0 = performance.now();
    const scores = await scoreWith(session, ort, matrix.x, matrix.rows, matrix.cols);
    const batchMs = performance.now() - t0;
    const report = binaryReport(matrix.y, scores);
    const n = Math.min(matrix.rows, LATENCY_SAMPLES);
    const latencies = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (i % 100 === 0 && ctx.stopped()) throw new StoppedError();
      const row = matrix.x.subarray(i * matrix.cols, (i + 1) * matrix.cols);
      const s = performance.now();
      await scoreWith(session, ort, row, 1, matrix.cols);
      latencies[i] = performance.now() - s;
    }
    result = {
      report,
      latencyMsMedian: quantile(latencies, 0.5),
      latencyMsP95: quantile(latencies, 0.95),
      throughputRowsPerSecond: matrix.rows / Math.max(batchMs / 1000, 1e-9),
    };
  } finally {
    await session.release();
  }
  const { report } = result;
  const now = Date.now();
  const metrics: [string, number][] = [
    ["accuracy", report.accuracy],
    ["precision", report.precision],
    ["recall", report.recall],
    ["f1", report.f1],
    ["roc_auc", report.auc],
    ["log_loss", report.logLoss],
    ["tp", report.tp],
    ["fp", report.fp],
    ["tn", report.tn],
    ["fn", report.fn],
    ["latency_ms_median", result.latencyMsMedian],
    ["latency_ms_p95", result.latencyMsP95],
    ["throughput_rows_per_s", result.throughputRowsPerSecond],
  ];
  await ctx.mlflow.logBatch(ctx.runId, {
    metrics: metrics.filter(([, v]) => Number.isFinite(v)).map(([key, value]) => ({ key, value, step: 0, timestamp: now })),
    tags: [
      { key: "runboard.model_version", value: `${mv.name}/${mv.version}` },
      { key: "mlflow.source.name", value: `models:/${mv.name}/${mv.version}` },
      ...(mv.run_id ? [{ key: "runboard.model_run_id", value: mv.run_id }] : []),
      { key: "runboard.confusion_matrix", value: JSON.stringify({ labels: [`not ${positive}`, positive], matrix: [[report.tn, report.fp], [report.fn, report.tp]] }) },
    ],
  });
  ctx.log(
    `accuracy=${report.accuracy.toFixed(4)} precision=${report.precision.toFixed(4)} recall=${report.recall.toFixed(4)} f1=${report.f1.toFixed(4)} ` +
      `roc_auc=${report.auc.toFixed(4)} confusion tn=${report.tn} fp=${report.fp} fn=${report.fn} tp=${report.tp}; ` +
      `latency median ${result.latencyMsMedian.toFixed(3)} ms, p95 ${result.latencyMsP95.toFixed(3)} ms; ${Math.round(result.throughputRowsPerSecond)} rows/s batched`,
  );
  return result;
}
