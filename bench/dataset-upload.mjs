#!/usr/bin/env node
// Upload throughput for a generated CSV against a running server; the file is streamed, never held in memory.
// usage: node bench/dataset-upload.mjs --url http://localhost:3000 --token rb_… [--org acme] [--project CHURN] [--mb 200]
import { createHash } from "node:crypto";
import { parseArgs } from "node:util";

const { values: a } = parseArgs({
  options: {
    url: { type: "string", default: "http://localhost:3000" },
    token: { type: "string", default: process.env.RUNBOARD_TOKEN },
    org: { type: "string", default: "acme" },
    project: { type: "string", default: "CHURN" },
    mb: { type: "string", default: "200" },
  },
});
if (!a.token) throw new Error("pass --token rb_… (or RUNBOARD_TOKEN)");
const target = Number(a.mb) * 1024 * 1024;
const auth = { authorization: `Bearer ${a.token}` };
const name = `bench-${Date.now().toString(36)}`;
const api = `${a.url}/api/v1/orgs/${a.org}/projects/${a.project}/datasets`;

const created = await fetch(api, {
  method: "POST",
  headers: { ...auth, "content-type": "application/json" },
  body: JSON.stringify({ name, licence: "benchmark data", containsPersonalData: false }),
});
if (!created.ok) throw new Error(`create dataset: ${created.status} ${await created.text()}`);

const enc = new TextEncoder();
const hash = createHash("sha256");
let sent = 0;
let rows = 0;
const body = new ReadableStream({
  pull(controller) {
    if (sent >= target) return controller.close();
    let chunk = sent === 0 ? "id,amount,ratio,segment,ts\n" : "";
    while (chunk.length < 256 * 1024) {
      chunk += `${rows},${(rows * 37) % 10007},${((rows % 997) / 997).toFixed(4)},seg${rows % 7},2024-01-${String((rows % 28) + 1).padStart(2, "0")}\n`;
      rows++;
    }
    const bytes = enc.encode(chunk);
    hash.update(bytes);
    sent += bytes.length;
    controller.enqueue(bytes);
  },
});

const t0 = performance.now();
const res = await fetch(`${api}/${name}/versions?format=csv&filename=bench.csv`, { method: "POST", headers: { ...auth, "content-type": "text/csv" }, body, duplex: "half" });
const out = await res.json();
const s = (performance.now() - t0) / 1000;
if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(out)}`);
if (out.sha256 !== hash.digest("hex") || out.rowCount !== rows) throw new Error("digest or row count mismatch");

const t1 = performance.now();
const again = await fetch(`${api}/${name}/versions/1/download`, { headers: auth });
let down = 0;
for await (const c of again.body) down += c.length;
const ds = (performance.now() - t1) / 1000;

const mib = sent / 1024 ** 2;
console.log(`upload ${mib.toFixed(0)} MiB, ${rows} rows, ${out.schema.length} columns: ${s.toFixed(1)} s, ${(mib / s).toFixed(1)} MiB/s (stream + sha256 + profile + store)`);
console.log(`download ${(down / 1024 ** 2).toFixed(0)} MiB: ${ds.toFixed(1)} s, ${(down / 1024 ** 2 / ds).toFixed(1)} MiB/s`);
