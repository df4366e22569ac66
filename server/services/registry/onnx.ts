import type * as Ort from "onnxruntime-node";
import type { OnnxIo, OnnxValueInfo } from "@/db/schema";
import { logger } from "@/server/logger";
import { storeKey } from "../mlflow/artifacts";
import type { StoreContext } from "../mlflow/artifacts";

const MAX_ONNX_BYTES = 1024 ** 3;

/** The `.onnx` file a model version points at: the source itself, or `model.onnx` inside a source folder. */
async function onnxFileOf(ctx: StoreContext, storagePath: string): Promise<string | null> {
  const key = storeKey(ctx.project.id, storagePath);
  const s = await ctx.store.stat(key);
  if (!s) return null;
  if (!s.isDirectory) return storagePath.toLowerCase().endsWith(".onnx") && s.size <= MAX_ONNX_BYTES ? storagePath : null;
  const inner = await ctx.store.stat(`${key}/model.onnx`);
  return inner && !inner.isDirectory && inner.size <= MAX_ONNX_BYTES ? `${storagePath}/model.onnx` : null;
}

/**
 * Reads input and output names, element types and shapes with onnxruntime-node. A file that is
 * not a loadable ONNX model gives null: registering it still succeeds, as in MLflow.
 */
export async function readOnnxIo(ctx: StoreContext, storagePath: string): Promise<OnnxIo | null> {
  const file = await onnxFileOf(ctx, storagePath);
  if (!file) return null;
  const ort = await import("onnxruntime-node");
  let session: Ort.InferenceSession | undefined;
  try {
    session = await ort.InferenceSession.create(ctx.store.resolve(storeKey(ctx.project.id, file)));
    const info = (m: Ort.InferenceSession.ValueMetadata): OnnxValueInfo =>
      m.isTensor ? { name: m.name, isTensor: true, type: m.type, shape: [...m.shape] } : { name: m.name, isTensor: false, type: null, shape: [] };
    return { file, inputs: session.inputMetadata.map(info), outputs: session.outputMetadata.map(info) };
  } catch (err) {
    logger.warn({ err, file }, "could not read ONNX model");
    return null;
  } finally {
    await session?.release();
  }
}
