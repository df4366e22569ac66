export const MAX_JOBS = 50;

export type Row = { key: string; value: string };

export const parseList = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/** "0.1, 0.01" → ["0.1", "0.01"]; a value without commas is one value, kept as typed. */
export const splitValues = (s: string) => (s.includes(",") ? s.split(",").map((x) => x.trim()) : [s]);

/** How many jobs the parameter grid makes (the cartesian product of the value lists). */
export const gridSize = (rows: Row[]) => rows.reduce((n, r) => n * splitValues(r.value).length, 1);

const FIELDS: [RegExp, string][] = [
  [/^combination \d+/, "params"],
  [/^params\b/, "params"],
  [/^job\.spec\.(command|args|env|repository|dataset|model|target|features|registerAs|epochs|learningRate|batchSize)\b/, "$1"],
  [/^job\.datasets\b/, "dataset"],
  [/^job\.gpus\b/, "gpus"],
  [/^job\.labels\b/, "labels"],
  [/^job\.timeoutSeconds\b/, "timeout"],
  [/^job\.maxAttempts\b/, "maxAttempts"],
];

/** Splits a createSweep error ("job.spec.command: …; job.gpus: …") into messages per dialog field; the rest is `form`. */
export function serverFieldErrors(message: string): { form: string | null; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const part of message.split("; ")) {
    const hit = FIELDS.find(([re]) => re.test(part));
    if (!hit) {
      rest.push(part);
      continue;
    }
    const name = part.replace(hit[0], hit[1]).split(/[.:\s]/)[0]!;
    const text = hit[1] === "params" && part.startsWith("combination") ? part : part.replace(/^[\w.]+: /, "");
    fields[name] = fields[name] ? `${fields[name]}; ${text}` : text.charAt(0).toUpperCase() + text.slice(1);
  }
  return { form: rest.length ? rest.join("; ") : null, fields };
}
