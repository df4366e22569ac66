import type { TrainSpec } from "../protocol";
import type { BuiltinContext } from "./context";
import { StoppedError } from "./context";
import { binaryReport, type BinaryReport } from "./metrics";
import type { MetricPoint } from "./mlflow-http";
import { proxiedPath } from "./mlflow-http";
import { fit, initNetwork, predict } from "./model";
import { scoreOnnx } from "./onnx-run";
import { toOnnx } from "./onnx";
import { trainValidationSplit } from "./random";
import { defaultPositiveLabel, labelText, numericColumns, parseTable, standardisation, standardise, takeRows, toMatrix, type Table } from "./table";

/** Feature columns, target and positive label of a table for a spec (shared with the tests). */
export function prepare(table: Table, spec: Pick<TrainSpec, "target" | "features">) {
  if (!table.columns.includes(spec.target)) throw new Error(`target: the dataset has no column '${spec.target}'`);
  const features = spec.features ?? numericColumns(table).filter((c) => c !== spec.target);
  if (features.length === 0) throw new Error("features: the dataset has no numeric or boolean column besides the target");
  const ti = table.columns.indexOf(spec.target);
  const labels = [...new Set(table.rows.map((r) => labelText(r[ti]!)).filter((v): v is string => v !== null))];
  if (labels.length !== 2) throw new Error(`target: '${spec.target}' must have exactly two values, it has ${labels.length}`);
  const positive = defaultPositiveLabel(labels);
  return { features, positive, matrix: toMatrix(table, features, spec.target, positive) };
}

export interface TrainResult {
  modelVersion: { name: string; version: string };
  final: BinaryReport;
  seconds: number;
}

/** The built-in `train` job: see TrainSpec. */
export async function runTrain(spec: TrainSpec, ctx: BuiltinContext): Promise<TrainResult> {
  const started = performance.now();
  const ds = await ctx.dataset();
  const table = parseTable(ds.text, ds.format);
  const { features, positive, matrix } = prepare(table, spec);
  if (matrix.rows < 4) throw new Error(`the dataset has ${matrix.rows} usable rows; at least 4 are needed`);
  const split = trainValidationSplit(matrix.rows, spec.validationFraction, spec.seed);
  const rawTrain = takeRows(matrix, split.train);
  const rawVal = takeRows(matrix, split.validation);
  const scaling = standardisation(rawTrain);
  const train = standardise(rawTrain, scaling);
  const val = standardise(rawVal, scaling);
  const hidden = spec.model === "mlp" ? spec.hidden : [];
  ctx.log(
    `train ${spec.model}${hidden.length ? ` hidden=${hidden.join(",")}` : ""} on ${spec.dataset.name}@${spec.dataset.version}: ` +
      `${train.rows} training rows, ${val.rows} validation rows, ${features.length} features (${features.join(", ")}), ` +
      `target ${spec.target} (positive: ${positive})${matrix.dropped ? `, ${matrix.dropped} rows dropped for missing values` : ""}`,
  );
  await ctx.mlflow.logBatch(ctx.runId, {
    tags: [
      { key: "runboard.features", value: JSON.stringify(features) },
      { key: "runboard.target", value: spec.target },
      { key: "runboard.positive_label", value: positive },
      { key: "runboard.standardisation", value: JSON.stringify(scaling) },
      { key: "runboard.split", value: JSON.stringify({ seed: spec.seed, validationFraction: spec.validationFraction, train: train.rows, validation: val.rows, dropped: matrix.dropped }) },
    ],
  });

  const net = initNetwork(features.length, hidden, spec.seed);
  let pending: MetricPoint[] = [];
  let lastFlush = Date.now();
  await fit(net, train.x, train.y, train.rows, {
    epochs: spec.epochs,
    learningRate: spec.learningRate,
    batchSize: spec.batchSize,
    seed: spec.seed,
    onEpoch: async (epoch, trainLoss) => {
      const r = binaryReport(val.y, predict(net, val.x, val.rows));
      const now = Date.now();
      pending.push(
        { key: "train_loss", value: trainLoss, step: epoch, timestamp: now },
        { key: "val_loss", value: r.logLoss, step: epoch, timestamp: now },
        { key: "val_accuracy", value: r.accuracy, step: epoch, timestamp: now },
        ...(Number.isNaN(r.auc) ? [] : [{ key: "val_auc", value: r.auc, step: epoch, timestamp: now }]),
      );
      ctx.log(`epoch ${epoch}/${spec.epochs} train_loss=${trainLoss.toFixed(4)} val_loss=${r.logLoss.toFixed(4)} val_accuracy=${r.accuracy.toFixed(4)} val_auc=${r.auc.toFixed(4)}`);
      if (epoch === spec.epochs || now - lastFlush > 1000 || pending.length >= 900) {
        await ctx.mlflow.logBatch(ctx.runId, { metrics: pending });
        pending = [];
        lastFlush = now;
      }
      if (ctx.stopped()) return false;
    },
  });
  if (ctx.stopped()) throw new StoppedError();

  // The model as shipped: ONNX (float32) scored on the validation rows by onnxruntime, as `evaluate` will.
  const bytes = toOnnx(net, scaling, { "runboard.features": JSON.stringify(features), "runboard.target": spec.target, "runboard.positive_label": positive });
  const scores = await scoreOnnx(bytes, rawVal.x, rawVal.rows, rawVal.cols);
  const final = binaryReport(rawVal.y, scores);
  const now = Date.now();
  const finalMetrics: [string, number][] = [
    ["final_val_accuracy", final.accuracy],
    ["final_val_precision", final.precision],
    ["final_val_recall", final.recall],
    ["final_val_f1", final.f1],
    ["final_val_auc", final.auc],
    ["final_val_loss", final.logLoss],
  ];
  const run = await ctx.mlflow.getRun(ctx.runId);
  const modelPath = `${proxiedPath(run.info.artifact_uri)}/model/model.onnx`;
  await ctx.mlflow.putArtifact(modelPath, bytes);
  ctx.log(`wrote model/model.onnx (${bytes.length} bytes)`);

  try {
    await ctx.mlflow.post("registered-models/create", { name: spec.registerAs });
  } catch (err) {
    if ((err as { code?: string }).code !== "RESOURCE_ALREADY_EXISTS") throw err;
  }
  const tags = [
    { key: "runboard.features", value: JSON.stringify(features) },
    { key: "runboard.target", value: spec.target },
    { key: "runboard.positive_label", value: positive },
    { key: "runboard.model_kind", value: spec.model },
  ];
  const created = await ctx.mlflow.post<{ model_version: { name: string; version: string } }>("model-versions/create", {
    name: spec.registerAs,
    source: `runs:/${ctx.runId}/model`,
    run_id: ctx.runId,
    tags,
  });
  const mv = created.model_version;
  await ctx.mlflow.logBatch(ctx.runId, {
    metrics: finalMetrics.filter(([, v]) => !Number.isNaN(v)).map(([key, value]) => ({ key, value, step: spec.epochs, timestamp: now })),
    tags: [{ key: "runboard.model_version", value: `${mv.name}/${mv.version}` }],
  });
  const seconds = (performance.now() - started) / 1000;
  ctx.log(
    `registered ${mv.name} version ${mv.version}; validation (ONNX): accuracy=${final.accuracy.toFixed(4)} auc=${final.auc.toFixed(4)} f1=${final.f1.toFixed(4)}; ${seconds.toFixed(2)} s`,
  );
  return { modelVersion: mv, final, seconds };
}
