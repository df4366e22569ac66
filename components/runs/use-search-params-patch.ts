"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";

/** Sets (or, for an empty value, removes) search params in place: the runs pages keep their view state in the URL. */
export function usePatchSearchParams() {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  return (patch: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    router.replace(`${pathname}?${next}`, { scroll: false });
  };
}
