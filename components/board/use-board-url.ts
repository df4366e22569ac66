"use client";

import { useMemo } from "react";
import { useSearchParams } from "next/navigation";
import type { BoardFilters, Swimlanes } from "./types";

const LANES: Swimlanes[] = ["none", "role", "assignee"];

/**
 * Sets or (for an empty value) removes search params of the current page. The history API keeps
 * Next's router (and useSearchParams) in sync without a server round trip.
 */
export function writeSearchParams(patch: Record<string, string | null | undefined>, mode: "push" | "replace" = "replace") {
  const next = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(patch)) {
    if (v) next.set(k, v);
    else next.delete(k);
  }
  const qs = next.toString();
  const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
  if (mode === "push") window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

/**
 * Board filters, swimlanes, the open card and the open dialogs live in the URL, so a link (or the
 * command palette) reproduces the view: `?new=1` opens New card, `?card=KEY&run=1` Run experiment.
 */
export function useBoardUrl() {
  const params = useSearchParams();
  const filters = useMemo<BoardFilters>(() => {
    const lanes = params.get("lanes") as Swimlanes | null;
    return {
      q: params.get("q") ?? "",
      assignee: params.get("assignee") ?? "",
      role: params.get("role") ?? "",
      type: params.get("type") ?? "",
      label: params.get("label") ?? "",
      mine: params.get("mine") === "1",
      lanes: lanes && LANES.includes(lanes) ? lanes : "none",
    };
  }, [params]);
  const openCard = params.get("card")?.toUpperCase() ?? null;
  const wantsNew = params.get("new") === "1";
  const wantsRun = params.get("run") === "1";

  return { filters, openCard, wantsNew, wantsRun, setParams: writeSearchParams };
}
