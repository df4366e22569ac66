/** Binary classification metrics as pure functions; labels are 0/1, scores are P(label = 1). */

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function confusionMatrix(labels: ArrayLike<number>, scores: ArrayLike<number>, threshold = 0.5): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const pred = scores[i]! >= threshold;
    if (labels[i] === 1) {
      if (pred) c.tp++;
      else c.fn++;
    } else if (pred) c.fp++;
    else c.tn++;
  }
  return c;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
export const accuracy = (c: Confusion) => ratio(c.tp + c.tn, c.tp + c.tn + c.fp + c.fn);
export const precision = (c: Confusion) => ratio(c.tp, c.tp + c.fp);
export const recall = (c: Confusion) => ratio(c.tp, c.tp + c.fn);
export const f1 = (c: Confusion) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);

/**
 * ROC AUC as the Mann–Whitney rank statistic: the probability that a random positive scores above
 * a random negative, ties counting half (average ranks). NaN when one class is absent.
 */
export function rocAuc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = avg;
    i = j + 1;
  }
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] === 1) {
      nPos++;
      rankSum += ranks[i]!;
    }
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Mean binary cross-entropy, probabilities clipped to [1e-12, 1 − 1e-12]. */
export function logLoss(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, scores[i]!));
    s -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return labels.length ? s / labels.length : 0;
}

/** The q-quantile (0..1) by linear interpolation between order statistics. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface BinaryReport extends Confusion {
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
  logLoss: number;
}

export function binaryReport(labels: ArrayLike<number>, scores: ArrayLike<number>): BinaryReport {
  const c = confusionMatrix(labels, scores);
  return { ...c, accuracy: accuracy(c), precision: precision(c), recall: recall(c), f1: f1(c), auc: rocAuc(labels, scores), logLoss: logLoss(labels, scores) };
}
