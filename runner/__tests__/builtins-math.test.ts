import { describe, expect, it } from "vitest";
import { accuracy, binaryReport, confusionMatrix, f1, precision, quantile, recall, rocAuc } from "../builtins/metrics";
import { fit, initNetwork, lossAndGradient, paramsOf, predict } from "../builtins/model";
import { scoreOnnx } from "../builtins/onnx-run";
import { toOnnx } from "../builtins/onnx";
import { mulberry32, trainValidationSplit } from "../builtins/random";
import { parseCsv, standardisation, standardise, toMatrix } from "../builtins/table";

function synthetic(n: number, seed: number, cols = 2) {
  const rand = mulberry32(seed);
  const x = new Float64Array(n * cols);
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let c = 0; c < cols; c++) {
      x[r * cols + c] = rand() * 4 - 2;
      s += (c === 0 ? 1.5 : -1) * x[r * cols + c]!;
    }
    y[r] = s > 0 ? 1 : 0;
  }
  return { x, y };
}

describe("metrics", () => {
  // labels and scores worked out by hand: at 0.5 → tp=2 (0.9, 0.6), fn=1 (0.4), fp=1 (0.7), tn=2 (0.2, 0.1)
  const labels = [1, 1, 1, 0, 0, 0];
  const scores = [0.9, 0.6, 0.4, 0.7, 0.2, 0.1];
  it("confusion matrix, accuracy, precision, recall, F1", () => {
    const c = confusionMatrix(labels, scores);
    expect(c).toEqual({ tp: 2, fn: 1, fp: 1, tn: 2 });
    expect(accuracy(c)).toBeCloseTo(4 / 6, 12);
    expect(precision(c)).toBeCloseTo(2 / 3, 12);
    expect(recall(c)).toBeCloseTo(2 / 3, 12);
    expect(f1(c)).toBeCloseTo(2 / 3, 12);
  });
  it("ROC AUC by rank: pairs ordered correctly / all pairs, ties half", () => {
    // positive–negative pairs: 0.9 beats all 3; 0.6 beats 0.2, 0.1 (not 0.7); 0.4 beats 0.2, 0.1 → 7/9
    expect(rocAuc(labels, scores)).toBeCloseTo(7 / 9, 12);
    expect(rocAuc([1, 0], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 0, 1, 0], [0.8, 0.3, 0.3, 0.1])).toBeCloseTo((1 + 1 + 0.5 + 1) / 4, 12);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });
  it("quantiles interpolate", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8, 12);
  });
});

describe("models", () => {
  it.each([
    ["logistic regression", [] as number[]],
    ["MLP", [5]],
  ])("%s: analytic gradient matches central differences", (_name, hidden) => {
    const { x, y } = synthetic(7, 3, 3);
    const net = initNetwork(3, hidden, 11);
    // non-zero starting weights so every path carries a gradient
    const rand = mulberry32(5);
    for (const p of paramsOf(net)) for (let i = 0; i < p.length; i++) p[i]! += (rand() - 0.5) * 0.5;
    const { grads } = lossAndGradient(net, x, y, 7);
    const g = grads.flatMap((d) => [d.w, d.b]);
    const h = 1e-6;
    paramsOf(net).forEach((p, k) => {
      for (let i = 0; i < p.length; i++) {
        const keep = p[i]!;
        p[i] = keep + h;
        const up = lossAndGradient(net, x, y, 7).loss;
        p[i] = keep - h;
        const down = lossAndGradient(net, x, y, 7).loss;
        p[i] = keep;
        expect(g[k]![i]!).toBeCloseTo((up - down) / (2 * h), 6);
      }
    });
  });

  it("the same seed gives the same split and the same weights; another seed does not", async () => {
    expect(trainValidationSplit(100, 0.2, 7)).toEqual(trainValidationSplit(100, 0.2, 7));
    expect(trainValidationSplit(100, 0.2, 7).validation).toHaveLength(20);
    expect(trainValidationSplit(100, 0.2, 8).validation).not.toEqual(trainValidationSplit(100, 0.2, 7).validation);
    const { x, y } = synthetic(200, 1);
    const train = async (seed: number) => {
      const net = initNetwork(2, [8], seed);
      await fit(net, x, y, 200, { epochs: 5, learningRate: 0.01, batchSize: 16, seed });
      return paramsOf(net).map((p) => Array.from(p));
    };
    expect(await train(3)).toEqual(await train(3));
    expect(await train(3)).not.toEqual(await train(4));
  });

  it("MLP reaches > 0.9 validation accuracy on a separable set; its ONNX gives the same probabilities", async () => {
    const { x, y } = synthetic(500, 2);
    const all = { x, y, rows: 500, cols: 2, dropped: 0 };
    const split = trainValidationSplit(500, 0.2, 9);
    const pick = (idx: number[]) => {
      const px = new Float64Array(idx.length * 2);
      idx.forEach((r, i) => px.set(x.subarray(r * 2, r * 2 + 2), i * 2));
      return { x: px, y: Float64Array.from(idx, (r) => y[r]!), rows: idx.length, cols: 2, dropped: 0 };
    };
    const [rawTrain, rawVal] = [pick(split.train), pick(split.validation)];
    const s = standardisation(rawTrain);
    const net = initNetwork(2, [16], 9);
    await fit(net, standardise(rawTrain, s).x, rawTrain.y, rawTrain.rows, { epochs: 40, learningRate: 0.01, batchSize: 32, seed: 9 });
    const p = predict(net, standardise(rawVal, s).x, rawVal.rows);
    expect(binaryReport(rawVal.y, p).accuracy).toBeGreaterThan(0.9);
    const onnxScores = await scoreOnnx(toOnnx(net, s), rawVal.x, rawVal.rows, 2);
    for (let i = 0; i < rawVal.rows; i++) expect(onnxScores[i]!).toBeCloseTo(p[i]!, 5);
    expect(all.rows).toBe(500);
  });
});

describe("tables", () => {
  it("parses quoted CSV and builds the matrix, dropping rows with gaps", () => {
    const t = parseCsv('a,b,"label, quoted"\r\n1,2,yes\n"3",,no\n5,6,"yes"\n');
    expect(t.columns).toEqual(["a", "b", "label, quoted"]);
    const m = toMatrix(t, ["a", "b"], "label, quoted", "yes");
    expect(Array.from(m.x)).toEqual([1, 2, 5, 6]);
    expect(Array.from(m.y)).toEqual([1, 1]);
    expect(m.dropped).toBe(1);
  });
});
