// Helpers shared by the benchmark scripts: start a built Runboard on a data dir, wait until it is
// healthy, sign in like a browser (Auth.js credentials), time calls and summarise percentiles.
import { spawn } from "node:child_process";

/** Nearest-rank percentile. */
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
export const fmt = (xs, digits = 1) =>
  `median ${pct(xs, 50).toFixed(digits)} ms, p95 ${pct(xs, 95).toFixed(digits)} ms, p99 ${pct(xs, 99).toFixed(digits)} ms (n=${xs.length})`;

/** Starts `npm start`'s script on `port` with `dataDir`; resolves with the child and the time to healthy. */
export async function startServer({ port, dataDir, env = {} }) {
  const t0 = performance.now();
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), HOST: "localhost", RUNBOARD_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn", RUNBOARD_LOCAL_RUNNER: "0", ...env },
    stdio: "ignore",
  });
  for (;;) {
    if (await fetch(`http://localhost:${port}/api/health`).then((r) => r.ok, () => false)) return { child, ms: performance.now() - t0 };
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (performance.now() - t0 > 180_000) throw new Error("server did not start within 3 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const stopServer = (child) =>
  new Promise((r) => {
    if (child.exitCode !== null) return r();
    child.once("exit", r);
    child.kill("SIGTERM");
  });

/** Signs in through Auth.js's credentials callback; returns the cookie header and the cookie jar (pass one back to sign in again from the same browser). */
export async function signIn(base, email, password, jar = new Map()) {
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = await csrf.json();
  keep(
    await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email, password }),
    }),
  );
  return { cookie: cookie(), jar };
}

/** Runs `fn` n times in sequence and returns each duration in ms. */
export async function time(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export const CHROMIUM = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};
