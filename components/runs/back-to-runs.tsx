import Link from "next/link";
import { ChevronLeft } from "lucide-react";

/** The "‹ Runs" link above a run or a comparison. */
export function BackToRuns({ href }: { href: string }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
      <ChevronLeft className="size-4" aria-hidden />
      Runs
    </Link>
  );
}
