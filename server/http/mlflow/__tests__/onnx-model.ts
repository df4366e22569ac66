import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

/** A logistic regression y = sigmoid(x·W + b), batch × 3 → batch × 1, written with onnx-proto. */
export function logisticRegressionOnnx(): Uint8Array {
  const f32 = onnx.TensorProto.DataType.FLOAT;
  const vi = (name: string, dims: (number | string)[]) => ({
    name,
    type: { tensorType: { elemType: f32, shape: { dim: dims.map((d) => (typeof d === "string" ? { dimParam: d } : { dimValue: d })) } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: "", version: 13 }],
    graph: {
      name: "logreg",
      node: [
        { opType: "MatMul", input: ["features", "W"], output: ["xw"] },
        { opType: "Add", input: ["xw", "b"], output: ["logit"] },
        { opType: "Sigmoid", input: ["logit"], output: ["probability"] },
      ],
      initializer: [
        { name: "W", dataType: f32, dims: [3, 1], floatData: [0.5, -0.25, 1] },
        { name: "b", dataType: f32, dims: [1], floatData: [0.1] },
      ],
      input: [vi("features", ["batch", 3])],
      output: [vi("probability", ["batch", 1])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
