import { mulberry32, normal, shuffle } from "./random";

/**
 * A binary classifier as dense layers: x·W₁+b₁ → ReLU → … → x·Wₖ+bₖ → sigmoid. No hidden layer is
 * logistic regression; one hidden layer is the MLP. Weights are row-major [in, out] Float64Arrays.
 */
export interface Dense {
  w: Float64Array;
  b: Float64Array;
  inputs: number;
  outputs: number;
}
export interface Network {
  layers: Dense[];
}

/** Zero weights for logistic regression (a convex problem); He-normal weights for ReLU layers, seeded. */
export function initNetwork(inputs: number, hidden: number[], seed: number): Network {
  const gauss = normal(mulberry32(seed ^ 0x9e3779b9));
  const sizes = [inputs, ...hidden, 1];
  const layers: Dense[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [i, o] = [sizes[l]!, sizes[l + 1]!];
    const w = new Float64Array(i * o);
    if (hidden.length > 0) {
      const scale = Math.sqrt(2 / i);
      for (let k = 0; k < w.length; k++) w[k] = gauss() * scale;
    }
    layers.push({ w, b: new Float64Array(o), inputs: i, outputs: o });
  }
  return { layers };
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Activations of every layer for `rows` rows of `x` (the last is the probability, rows × 1). */
function forwardAll(net: Network, x: Float64Array, rows: number): Float64Array[] {
  const acts: Float64Array[] = [x];
  let a = x;
  net.layers.forEach((L, li) => {
    const out = new Float64Array(rows * L.outputs);
    const last = li === net.layers.length - 1;
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < L.outputs; o++) {
        let z = L.b[o]!;
        for (let i = 0; i < L.inputs; i++) z += a[r * L.inputs + i]! * L.w[i * L.outputs + o]!;
        out[r * L.outputs + o] = last ? sigmoid(z) : Math.max(0, z);
      }
    }
    acts.push(out);
    a = out;
  });
  return acts;
}

export function predict(net: Network, x: Float64Array, rows: number): Float64Array {
  return forwardAll(net, x, rows).at(-1)!;
}

/** Mean binary cross-entropy and its gradient with respect to every weight and bias. */
export function lossAndGradient(net: Network, x: Float64Array, y: Float64Array, rows: number): { loss: number; grads: Dense[] } {
  const acts = forwardAll(net, x, rows);
  const p = acts.at(-1)!;
  let loss = 0;
  // dL/dz at the sigmoid output of the mean BCE: (p − y) / rows
  let delta = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const pr = Math.min(1 - 1e-15, Math.max(1e-15, p[r]!));
    loss -= y[r] === 1 ? Math.log(pr) : Math.log(1 - pr);
    delta[r] = (p[r]! - y[r]!) / rows;
  }
  const grads: Dense[] = net.layers.map((L) => ({ ...L, w: new Float64Array(L.w.length), b: new Float64Array(L.b.length) }));
  for (let li = net.layers.length - 1; li >= 0; li--) {
    const L = net.layers[li]!;
    const g = grads[li]!;
    const a = acts[li]!;
    for (let r = 0; r < rows; r++) {
      for (let o = 0; o < L.outputs; o++) {
        const d = delta[r * L.outputs + o]!;
        if (d === 0) continue;
        g.b[o]! += d;
        for (let i = 0; i < L.inputs; i++) g.w[i * L.outputs + o]! += a[r * L.inputs + i]! * d;
      }
    }
    if (li === 0) break;
    // back through the ReLU of layer li − 1: its output is acts[li]
    const prev = new Float64Array(rows * L.inputs);
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < L.inputs; i++) {
        if (a[r * L.inputs + i]! <= 0) continue;
        let s = 0;
        for (let o = 0; o < L.outputs; o++) s += L.w[i * L.outputs + o]! * delta[r * L.outputs + o]!;
        prev[r * L.inputs + i] = s;
      }
    }
    delta = prev;
  }
  return { loss: loss / rows, grads };
}

/** Adam (Kingma & Ba) with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
export class Adam {
  private t = 0;
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  constructor(
    private readonly params: Float64Array[],
    private readonly lr: number,
  ) {
    this.m = params.map((p) => new Float64Array(p.length));
    this.v = params.map((p) => new Float64Array(p.length));
  }
  step(grads: Float64Array[]) {
    this.t++;
    const [b1, b2, eps] = [0.9, 0.999, 1e-8];
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    this.params.forEach((p, k) => {
      const [g, m, v] = [grads[k]!, this.m[k]!, this.v[k]!];
      for (let i = 0; i < p.length; i++) {
        m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
        v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!;
        p[i]! -= (this.lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
      }
    });
  }
}

export const paramsOf = (n: Network) => n.layers.flatMap((L) => [L.w, L.b]);

export interface FitOptions {
  epochs: number;
  learningRate: number;
  batchSize: number;
  seed: number;
  /** Called after each epoch (1-based); return false to stop early (a cancelled job). */
  onEpoch?: (epoch: number, trainLoss: number) => boolean | void | Promise<boolean | void>;
}

/** Mini-batch Adam; batches come from a seeded shuffle each epoch, so a seed fixes the whole run. */
export async function fit(net: Network, x: Float64Array, y: Float64Array, rows: number, opts: FitOptions): Promise<void> {
  const cols = net.layers[0]!.inputs;
  const adam = new Adam(paramsOf(net), opts.learningRate);
  const rand = mulberry32(opts.seed ^ 0x5bd1e995);
  const order = Array.from({ length: rows }, (_, i) => i);
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    shuffle(order, rand);
    let lossSum = 0;
    let lastYield = performance.now();
    for (let start = 0; start < rows; start += opts.batchSize) {
      if (performance.now() - lastYield > 50) {
        await new Promise<void>((r) => setImmediate(r)); // heartbeats and logs keep flowing during a long epoch
        lastYield = performance.now();
      }
      const idx = order.slice(start, start + opts.batchSize);
      const bx = new Float64Array(idx.length * cols);
      const by = new Float64Array(idx.length);
      idx.forEach((r, i) => {
        bx.set(x.subarray(r * cols, (r + 1) * cols), i * cols);
        by[i] = y[r]!;
      });
      const { loss, grads } = lossAndGradient(net, bx, by, idx.length);
      lossSum += loss * idx.length;
      adam.step(grads.flatMap((g) => [g.w, g.b]));
    }
    if ((await opts.onEpoch?.(epoch, lossSum / rows)) === false) return;
  }
}
