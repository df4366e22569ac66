import type * as Ort from "onnxruntime-node";
import { INPUT_NAME, OUTPUT_NAME } from "./onnx";

let ortModule: Promise<typeof Ort> | null = null;
export const loadOrt = () => (ortModule ??= import("onnxruntime-node"));

/** P(positive) for every row of a row-major Float64 matrix, through onnxruntime-node (float32 input). */
export async function scoreOnnx(model: Uint8Array, x: Float64Array, rows: number, cols: number): Promise<Float64Array> {
  const ort = await loadOrt();
  const session = await ort.InferenceSession.create(model);
  try {
    return await scoreWith(session, ort, x, rows, cols);
  } finally {
    await session.release();
  }
}

export async function scoreWith(session: Ort.InferenceSession, ort: typeof Ort, x: Float64Array, rows: number, cols: number): Promise<Float64Array> {
  const input = session.inputNames[0] ?? INPUT_NAME;
  const output = session.outputNames.includes(OUTPUT_NAME) ? OUTPUT_NAME : session.outputNames[0]!;
  const out = await session.run({ [input]: new ort.Tensor("float32", Float32Array.from(x), [rows, cols]) });
  return Float64Array.from(out[output]!.data as Float32Array);
}
