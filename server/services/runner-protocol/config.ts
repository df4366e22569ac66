/** Protocol timings; tests pass smaller values through the verbs' `opts`. */
export interface RunnerTimings {
  leaseTtlMs: number;
  heartbeatMs: number;
  /** How often a long-polling claim or heartbeat looks at the database again. */
  pollMs: number;
  /** Extra time a running job gets past its timeout before the server fails it itself. */
  timeoutGraceMs: number;
}

export const DEFAULT_TIMINGS: RunnerTimings = { leaseTtlMs: 60_000, heartbeatMs: 20_000, pollMs: 1_000, timeoutGraceMs: 60_000 };

/** A runner counts as online when it called in during the last minute. */
export const ONLINE_WINDOW_MS = 60_000;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
