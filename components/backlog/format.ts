import { format, parseISO } from "date-fns";

/** "Mar 3 – Mar 17" from ISO dates; either may be missing. */
export function dateRange(start: string | null, end: string | null): string | null {
  if (!start && !end) return null;
  const f = (d: string) => format(parseISO(d), "MMM d");
  if (start && end) return `${f(start)} – ${f(end)}`;
  return start ? `from ${f(start)}` : `until ${f(end!)}`;
}

export function pts(n: number): string {
  return `${n} ${n === 1 ? "pt" : "pts"}`;
}

export function cardHref(org: string, projectKey: string, cardKey: string): string {
  return `/${org}/${projectKey}/board?card=${encodeURIComponent(cardKey)}`;
}
