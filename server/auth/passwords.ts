import { hash, verify } from "@node-rs/bcrypt";

/**
 * Cost 10 (~60 ms per hash on one core): the cost bcryptjs used, so stored hashes keep their
 * strength and sign-in latency stays as it was. @node-rs/bcrypt hashes in libuv's thread pool,
 * so a burst of hashes no longer blocks the event loop, and it verifies bcryptjs' `$2a$/$2b$` hashes.
 */
const COST = 10;

/** A hash of a random secret nobody knows: unknown accounts are checked against it, so they cost the same time. */
const DUMMY_HASH = "$2y$10$AWo3UysCdEtZHP1Lv0fhAOMKbBMpLyxIPlw/cMaEni6qJSX6WPuem";

export function hashPassword(password: string): Promise<string> {
  return hash(password, COST);
}

/** Checks `password` against `stored`; with no stored hash (unknown or GitHub-only account) does the same work and answers false. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const ok = await verify(password, stored ?? DUMMY_HASH).catch(() => false);
  return ok && stored != null;
}
