import { BadRequestError } from "../errors";
import type { KeyValue } from "./internal";

export const MAX_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 8000;
export const BATCH_LIMITS = { metrics: 1000, params: 100, tags: 100, total: 1000 } as const;

/** MLflow's rule for metric, param and tag names: letters, digits, _ - . / and spaces; no path traversal. */
export function validateKey(key: string, what: string) {
  if (!key) throw new BadRequestError(`Missing value for required parameter '${what} key'.`);
  if (key.length > MAX_KEY_LENGTH) {
    throw new BadRequestError(`${what} '${key.slice(0, 40)}…' had length ${key.length}, which exceeded length limit of ${MAX_KEY_LENGTH}`);
  }
  if (!/^[\w\-./ :]*$/.test(key) || key.startsWith("/") || key.split("/").includes("..")) {
    throw new BadRequestError(
      `Invalid ${what.toLowerCase()} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/).`,
    );
  }
}

export function validateTag(tag: KeyValue, maxValue = MAX_TAG_VALUE_LENGTH) {
  validateKey(tag.key, "Tag");
  if (tag.value.length > maxValue) {
    throw new BadRequestError(`Tag '${tag.key}' had value length ${tag.value.length}, which exceeded length limit of ${maxValue}`);
  }
}

/** A run name is copied into the mlflow.runName tag, so it keeps the tag value limit. */
export function validateRunName(name: string | undefined) {
  if (name !== undefined && name.length > MAX_TAG_VALUE_LENGTH) {
    throw new BadRequestError(`had length ${name.length}, which exceeded length limit of ${MAX_TAG_VALUE_LENGTH}`, { field: "run_name" });
  }
}

export function validateParam(p: KeyValue) {
  validateKey(p.key, "Param");
  if (p.value.length > MAX_PARAM_VALUE_LENGTH) {
    throw new BadRequestError(`Param '${p.key}' had value length ${p.value.length}, which exceeded length limit of ${MAX_PARAM_VALUE_LENGTH}`);
  }
}

export interface MetricInput {
  key: string;
  value: number;
  timestamp: number;
  step?: number;
}

export function validateMetric(m: MetricInput) {
  validateKey(m.key, "Metric");
  if (typeof m.value !== "number") throw new BadRequestError(`Got invalid value ${String(m.value)} for metric '${m.key}'. Please specify value as a number.`);
  if (!Number.isSafeInteger(m.timestamp)) throw new BadRequestError(`Got invalid timestamp ${m.timestamp} for metric '${m.key}'. Timestamp must be an integer.`);
  if (m.step !== undefined && !Number.isSafeInteger(m.step)) throw new BadRequestError(`Got invalid step ${m.step} for metric '${m.key}'. Step must be an integer.`);
}

export function validateBatchSize(counts: { metrics: number; params: number; tags: number }) {
  for (const k of ["metrics", "params", "tags"] as const) {
    if (counts[k] > BATCH_LIMITS[k]) {
      throw new BadRequestError(`A batch logging request can contain at most ${BATCH_LIMITS[k]} ${k}. Got ${counts[k]} ${k}.`);
    }
  }
  const total = counts.metrics + counts.params + counts.tags;
  if (total > BATCH_LIMITS.total) {
    throw new BadRequestError(`A batch logging request can contain at most ${BATCH_LIMITS.total} metrics, params and tags in total. Got ${total}.`);
  }
}
