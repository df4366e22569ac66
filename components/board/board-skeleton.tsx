import { Skeleton } from "@/components/ui/spinner";

export function BoardSkeleton() {
  return (
    <div role="status" aria-label="Loading the board">
      <div className="mb-4 flex gap-2">
        <Skeleton className="h-8 w-52" />
        <Skeleton className="h-8 w-28" />
        <Skeleton className="h-8 w-24" />
        <Skeleton className="h-8 w-24" />
      </div>
      <div className="flex gap-3 overflow-hidden">
        {[5, 3, 4, 2].map((n, i) => (
          <div key={i} className="w-[17.5rem] shrink-0 space-y-2 rounded-xl bg-zinc-100/80 p-2 dark:bg-zinc-900/60">
            <Skeleton className="h-5 w-28" />
            {Array.from({ length: n }, (_, j) => (
              <Skeleton key={j} className="h-20 bg-white dark:bg-zinc-800/70" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
