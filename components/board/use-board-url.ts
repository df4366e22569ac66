"use client";

import { useCallback, useMemo } from "react";
import { useSearchParams } from "next/navigation";
import type { BoardFilters, Swimlanes } from "./types";

const LANES: Swimlanes[] = ["none", "role", "assignee"];

/** Board filters, swimlanes and the open card live in the URL, so a link reproduces the view. */
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

  // The history API keeps Next's router (and useSearchParams) in sync without a server round trip.
  const setParams = useCallback((patch: Record<string, string | null | undefined>, mode: "push" | "replace" = "replace") => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const qs = next.toString();
    const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);

  return { filters, openCard, wantsNew, setParams };
}
