"use client";

import { useCallback, useEffect, useRef } from "react";

/** Runs `fn` at most once per `ms` (leading and trailing), so a run logging many batches a second refetches calmly. */
export function useThrottledInvalidate(fn: () => unknown, ms = 1000) {
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  });
  useEffect(() => () => (timer.current ? clearTimeout(timer.current) : undefined), []);
  return useCallback(() => {
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      last.current = Date.now();
      void fnRef.current();
    } else if (!timer.current) {
      timer.current = setTimeout(() => {
        timer.current = null;
        last.current = Date.now();
        void fnRef.current();
      }, wait);
    }
  }, [ms]);
}
