import type { ReactNode } from "react";

/** A page section's h2 (its id labels the section) with the sentence that says what the section holds. */
export function SectionHeading({ id, title, children, className }: { id: string; title: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={className}>
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
    </div>
  );
}

/** The dashed placeholder a Pipeline page section shows while it has nothing to list. */
export function EmptyNote({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-500 dark:border-zinc-700">{children}</p>;
}
