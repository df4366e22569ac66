import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

/**
 * Fractional ranks (the `fractional-indexing` package): a key strictly between two neighbours, so
 * moving a card rewrites only that card's row. `null` means "no neighbour on that side".
 */
export function rankBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

export function ranksBetween(before: string | null, after: string | null, n: number): string[] {
  return generateNKeysBetween(before, after, n);
}
