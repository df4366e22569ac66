"use client";

import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `ms` (search boxes that query the server). */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}
