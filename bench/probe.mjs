// Re-runs the attacker's probe of issue #10 against a real `npm start` server (built, embedded
// database, demo seeded), one check per weakness class, and prints what each answered with timings.
// A line starting "FOUND" is a weakness still open; the script exits 1 if there is any.
//   npm run build && node bench/probe.mjs
import http from "node:http";
import { readFileSync } from "node:fs";
import { fmt, pct, signIn, startServer, stopServer, time } from "./lib.mjs";

const PORT = 3260;
const base = `http://localhost:${PORT}`;
const dataDir = `.data/bench-probe-${process.pid}`;
const found = [];
const report = (ok, line) => {
  console.log(`${ok ? "ok   " : "FOUND"} ${line}`);
  if (!ok) found.push(line);
};

const trpcBatch = (path, inputs, headers = {}) =>
  fetch(`${base}/api/trpc/${inputs.map(() => path).join(",")}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, ...headers },
    body: JSON.stringify(Object.fromEntries(inputs.map((json, i) => [i, { json }]))),
  });

/** Polls /api/health every 10 ms while `work` runs; the slowest answer is what other users felt. */
async function healthDuring(work) {
  let done = false;
  const lat = [];
  const poll = (async () => {
    while (!done) {
      const t0 = performance.now();
      await fetch(`${base}/api/health`);
      lat.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const result = await work();
  done = true;
  await poll;
  return { result, max: Math.max(...lat), p50: pct(lat, 50) };
}

const { child, ms } = await startServer({ port: PORT, dataDir });
console.log(`server healthy in ${(ms / 1000).toFixed(1)} s (pid ${child.pid})`);
try {
  const demo = JSON.parse(readFileSync(`${dataDir}/demo.json`, "utf8"));
  const admin = await signIn(base, "admin@acme.test", "runboard-demo");
  const withCookie = (c, extra = {}) => ({ cookie: c.cookie, origin: base, ...extra });

  // 1. Direct member add by email.
  const victim = `probe-victim-${process.pid}@example.com`;
  await trpcBatch("account.signUp", [{ email: victim, name: "Victim", password: "victim-password-1" }]);
  const add = await fetch(`${base}/api/v1/orgs/acme/members`, {
    method: "POST",
    headers: { authorization: `Bearer ${demo.apiToken}`, "content-type": "application/json" },
    body: JSON.stringify({ email: victim, roles: ["viewer"] }),
  });
  const members = await (await fetch(`${base}/api/v1/orgs/acme/members`, { headers: { authorization: `Bearer ${demo.apiToken}` } })).text();
  report(!members.includes(victim), `1 direct add of an existing account: ${add.status}; member now: ${members.includes(victim)}`);
  const invite = async (email) =>
    (
      await fetch(`${base}/api/v1/orgs/acme/invitations`, {
        method: "POST",
        headers: { authorization: `Bearer ${demo.apiToken}`, "content-type": "application/json" },
        body: JSON.stringify({ email, roles: ["manager"] }), // the demo token is the manager's
      })
    ).json();
  const [known, unknown] = [await invite(victim), await invite(`nobody-${process.pid}@example.com`)];
  if (!known.link) throw new Error(`invitation refused: ${JSON.stringify(known)}`);
  const shape = (o) => JSON.stringify(Object.keys(o).sort());
  report(shape(known) === shape(unknown), `1 invitation answers for a known and an unknown email have the same fields: ${shape(known)}`);

  // 2. An unverified account cannot accept the invitation meant for its address.
  const victimSession = await signIn(base, victim, "victim-password-1");
  const token = new URL(known.link).pathname.split("/").pop();
  const accept = await trpcBatch("invitations.accept", [{ token }], { cookie: victimSession.cookie });
  report(accept.status !== 200, `2 unverified owner accepting: ${accept.status}`);

  // 3. A batch of 100 sign-ups while /api/health is polled.
  const flood = await healthDuring(() =>
    trpcBatch("account.signUp", Array.from({ length: 100 }, (_, i) => ({ email: `flood-${process.pid}-${i}@example.com`, name: "F", password: "flood-password" }))),
  );
  report(flood.result.status === 400 && flood.max < 1000, `3 100-call sign-up batch: ${flood.result.status}; /api/health max ${flood.max.toFixed(1)} ms, median ${flood.p50.toFixed(1)} ms`);
  const many = await healthDuring(() =>
    Promise.all(Array.from({ length: 100 }, (_, i) => trpcBatch("account.signUp", [{ email: `many-${process.pid}-${i}@example.com`, name: "F", password: "flood-password" }]))),
  );
  const codes = many.result.reduce((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {});
  // A measure, not a verdict: 20 hashes run on the thread pool, but on the embedded database every
  // query of the process (health's too) waits in PGlite's one queue, and this client shares the cores.
  console.log(`info  3 100 concurrent sign-ups from one address: ${JSON.stringify(codes)}; /api/health max ${many.max.toFixed(1)} ms, median ${many.p50.toFixed(1)} ms`);

  // 4. Sign-in timing, known against unknown email (wrong password; 5 each, within the free failures),
  //    then more failures from other browsers, then the right password from the manager's own browser.
  const managerBrowser = await signIn(base, "manager@acme.test", "runboard-demo");
  const attempt = (email) => signIn(base, email, "wrong-password-123");
  const knownT = await time(5, () => attempt("manager@acme.test"));
  const unknownT = await time(5, (i) => attempt(`ghost-${process.pid}-${i}@example.com`));
  const ratio = pct(knownT, 50) / pct(unknownT, 50);
  report(ratio > 0.5 && ratio < 2, `4 sign-in, known email: ${fmt(knownT)}; unknown: ${fmt(unknownT)}`);
  await time(6, () => attempt("manager@acme.test"));
  const stranger = await signIn(base, "manager@acme.test", "runboard-demo");
  const keep = new Map([...managerBrowser.jar].filter(([k]) => k !== "authjs.session-token"));
  const right = await signIn(base, "manager@acme.test", "runboard-demo", keep);
  report(right.jar.has("authjs.session-token"), `4 after 11 failures: a new browser with the right password ${stranger.jar.has("authjs.session-token") ? "signed in" : "waits (back-off)"}; the manager's own browser ${right.jar.has("authjs.session-token") ? "signs in" : "is refused"}`);

  // 5. A copied session cookie after sign-out.
  const before = (await fetch(`${base}/api/v1/me`, { headers: { cookie: right.cookie } })).status;
  const csrf = await (await fetch(`${base}/api/auth/csrf`, { headers: { cookie: right.cookie } })).json();
  await fetch(`${base}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: right.cookie, origin: base },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken }),
  });
  const after = (await fetch(`${base}/api/v1/me`, { headers: { cookie: right.cookie } })).status;
  report(before === 200 && after === 401, `5 copied cookie: ${before} before sign-out, ${after} after`);

  // 6. 300 MiB unauthenticated runner claim: how much does the server read before answering?
  const rssBefore = rss(child.pid);
  const sent = await new Promise((resolve) => {
    let bytes = 0;
    const req = http.request(`${base}/api/runner/v1/claim`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      res.resume();
      req.destroy();
      resolve({ status: res.statusCode, bytes });
    });
    req.on("error", () => resolve({ status: "reset", bytes }));
    const chunk = Buffer.alloc(1 << 20, 0x20);
    const pump = () => {
      while (bytes < 300 * (1 << 20)) {
        bytes += chunk.length;
        if (!req.write(chunk)) return req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
  report(sent.status === 401 && sent.bytes < 64 << 20, `6 300 MiB unauthenticated claim: ${sent.status} after ${(sent.bytes / 2 ** 20).toFixed(0)} MiB sent; server RSS ${rssBefore} → ${rss(child.pid)} MiB`);

  // 7. Headers and a cross-site cookie POST to the dataset upload.
  const page = await fetch(`${base}/sign-in`);
  const csp = page.headers.get("content-security-policy") ?? "";
  report(/frame-ancestors 'none'/.test(csp) && /nonce-/.test(csp) && page.headers.get("x-content-type-options") === "nosniff" && !!page.headers.get("referrer-policy"), `7 page headers: CSP ${csp ? "with nonce" : "missing"}, nosniff ${page.headers.get("x-content-type-options")}, referrer ${page.headers.get("referrer-policy")}`);
  const upload = await fetch(`${base}/api/v1/orgs/acme/projects/CHURN/datasets/probe/versions`, {
    method: "POST",
    headers: withCookie(admin, { origin: "https://evil.example", "content-type": "text/plain" }),
    body: "a,b\n1,2\n",
  });
  report(upload.status === 403, `7 cross-site text/plain upload with the session cookie: ${upload.status}`);

  // 8. Bad input: NUL, lone surrogate, malformed percent-encoding, non-Latin-1 names.
  const bearer = { authorization: `Bearer ${demo.apiToken}`, "content-type": "application/json" };
  const nul = await fetch(`${base}/api/v1/orgs/acme/tokens`, { method: "POST", headers: bearer, body: JSON.stringify({ name: "a\u0000b" }) });
  const sur = await fetch(`${base}/api/v1/orgs/acme/tokens`, { method: "POST", headers: bearer, body: '{"name":"a\\ud800b"}' });
  const pctBad = await fetch(`${base}/api/v1/orgs/%c0`, { headers: bearer });
  report([nul.status, sur.status, pctBad.status].every((s) => s === 400), `8 NUL ${nul.status}, lone surrogate ${sur.status}, /api/v1/orgs/%c0 ${pctBad.status}`);
} finally {
  await stopServer(child);
}
console.log(found.length ? `${found.length} weakness(es) found` : "nothing found");
process.exit(found.length ? 1 : 0);

/** Resident memory of the server's process tree (start.mjs → next start), in MiB. */
function rss(pid) {
  const tree = (p) => {
    let kb = 0;
    try {
      kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
      const kids = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      for (const k of kids) kb += tree(Number(k));
    } catch {
      // the process ended
    }
    return kb;
  };
  return (tree(pid) / 1024).toFixed(0);
}
