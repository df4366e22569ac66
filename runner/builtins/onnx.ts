import * as onnxProto from "onnx-proto";
import type { Network } from "./model";

// onnx-proto is CommonJS; depending on the loader its namespace is a named export or under default.
const onnx = onnxProto.onnx ?? (onnxProto as unknown as { default: typeof onnxProto }).default.onnx;

export const INPUT_NAME = "features";
export const OUTPUT_NAME = "probability";

/**
 * The network as an ONNX model (IR 8, opset 13): features float32 [N, F] → (x − mean) / std →
 * MatMul+Add (+Relu …) → Sigmoid → probability [N, 1]. The standardisation is a Sub/Div prefix,
 * so the model takes raw feature values.
 */
export function toOnnx(net: Network, scaling: { mean: number[]; std: number[] }, meta: Record<string, string> = {}): Uint8Array {
  const f32 = onnx.TensorProto.DataType.FLOAT;
  const F = net.layers[0]!.inputs;
  const tensor = (name: string, dims: number[], values: ArrayLike<number>) => ({ name, dataType: f32, dims, floatData: Array.from(values, Number) });
  const initializer = [tensor("mean", [F], scaling.mean), tensor("std", [F], scaling.std)];
  const node: { opType: string; input: string[]; output: string[]; name: string }[] = [
    { opType: "Sub", input: [INPUT_NAME, "mean"], output: ["centred"], name: "centre" },
    { opType: "Div", input: ["centred", "std"], output: ["h0"], name: "scale" },
  ];
  let h = "h0";
  net.layers.forEach((L, i) => {
    const last = i === net.layers.length - 1;
    initializer.push(tensor(`W${i}`, [L.inputs, L.outputs], L.w), tensor(`b${i}`, [L.outputs], L.b));
    node.push({ opType: "MatMul", input: [h, `W${i}`], output: [`xw${i}`], name: `matmul${i}` });
    node.push({ opType: "Add", input: [`xw${i}`, `b${i}`], output: [`z${i}`], name: `add${i}` });
    const out = last ? OUTPUT_NAME : `h${i + 1}`;
    node.push({ opType: last ? "Sigmoid" : "Relu", input: [`z${i}`], output: [out], name: last ? "sigmoid" : `relu${i}` });
    h = out;
  });
  const vi = (name: string, dims: (number | string)[]) => ({
    name,
    type: { tensorType: { elemType: f32, shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 13 }],
    producerName: "runboard-runner",
    graph: { name: "classifier", node, initializer, input: [vi(INPUT_NAME, ["N", F])], output: [vi(OUTPUT_NAME, ["N", 1])] },
    metadataProps: Object.entries(meta).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}
