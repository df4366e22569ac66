/**
 * The most calls one tRPC batch request may carry: the server refuses larger batches whole (400)
 * before any procedure runs, and the browser client splits its batches at the same size. A page
 * issues a handful; without a cap one anonymous request could queue hundreds of sign-ups.
 */
export const TRPC_MAX_BATCH_SIZE = 20;
