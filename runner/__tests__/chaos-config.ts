/**
 * Budget and randomness of the chaos suites. `CHAOS=long` runs the full budget (20 runner kills,
 * 10 web-server kills); otherwise a short one fit for every test run. `CHAOS_SEED` replays a run:
 * each suite prints the seed it used with its ledger.
 */
export function chaosConfig(suite: string) {
  const long = process.env.CHAOS === "long";
  const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  return { long, seed, random: mulberry32(seed), log: (line: string) => console.log(`[${suite}] seed=${seed} ${line}`) };
}

/** A small seeded PRNG (mulberry32): uniform in [0, 1). */
export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
