import { mulberry32 } from "../builtins/random";

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
