"use client";

import { useEffect, useState } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Command } from "cmdk";
import { useQuery } from "@tanstack/react-query";
import { useTheme } from "next-themes";
import { ChartLine, KanbanSquare, ListTodo, Moon, Play, Plus, Settings, SquareDashed } from "lucide-react";
import { useTRPC } from "@/lib/trpc";
import { writeSearchParams } from "@/components/board/use-board-url";
import { typeMeta } from "@/components/cards/card-meta";
import { cn } from "@/components/ui/cn";
import type { ShellProject } from "@/components/shell/types";

const item =
  "flex cursor-pointer items-center gap-2.5 rounded-md px-2.5 py-2 text-sm text-zinc-700 data-[selected=true]:bg-zinc-100 data-[selected=true]:text-zinc-900 dark:text-zinc-300 dark:data-[selected=true]:bg-zinc-800 dark:data-[selected=true]:text-zinc-50";
const group = "px-1 [&_[cmdk-group-heading]]:px-2.5 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-zinc-500";

/** Ctrl/Cmd-K: jump to a card of the current board, go to a page, or run an action. */
export function CommandPalette({ org, projects }: { org: string; projects: ShellProject[] }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const pathname = usePathname();
  // Read only while open (never during server rendering), so the palette needs no Suspense boundary.
  const openCard = open ? new URLSearchParams(window.location.search).get("card") : null;
  const { resolvedTheme, setTheme } = useTheme();
  const trpc = useTRPC();
  const segments = pathname.split("/");
  const current = projects.find((p) => p.key === segments[2]?.toUpperCase());
  const board = useQuery(trpc.board.get.queryOptions({ org, key: current?.key ?? "" }, { enabled: open && !!current }));
  const cards = board.data?.columns.flatMap((c) => c.cards.map((card) => ({ ...card, column: c.name }))) ?? [];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() === "k" && (e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const run = (fn: () => void) => {
    setOpen(false);
    fn();
  };
  const go = (href: string) => run(() => router.push(href));

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Command palette"
      overlayClassName="fixed inset-0 z-50 bg-zinc-950/40"
      contentClassName="fixed top-[15vh] left-1/2 z-50 w-full max-w-xl -translate-x-1/2 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-2xl dark:border-zinc-700 dark:bg-zinc-900"
    >
      <Command.Input
        placeholder={current ? `Search ${current.key} cards, pages and actions…` : "Search pages and actions…"}
        className="h-12 w-full border-b border-zinc-200 bg-transparent px-4 text-sm outline-none placeholder:text-zinc-400 dark:border-zinc-800"
      />
      <Command.List className="max-h-[min(60vh,26rem)] overflow-y-auto py-1">
        <Command.Empty className="px-4 py-6 text-center text-sm text-zinc-500">Nothing found.</Command.Empty>
        {cards.length > 0 ? (
          <Command.Group heading={`Cards in ${current!.key}`} className={group}>
            {cards.slice(0, 2000).map((c) => {
              const Icon = typeMeta(c.type).icon;
              return (
                <Command.Item key={c.key} value={`${c.key} ${c.title}`} onSelect={() => go(`/${org}/${current!.key}/board?card=${c.key}`)} className={item}>
                  <Icon className={cn("size-4 shrink-0", typeMeta(c.type).className)} aria-hidden />
                  <span className="font-mono text-xs text-zinc-500">{c.key}</span>
                  <span className="truncate">{c.title}</span>
                  <span className="ml-auto shrink-0 text-xs text-zinc-400">{c.column}</span>
                </Command.Item>
              );
            })}
          </Command.Group>
        ) : null}
        <Command.Group heading="Actions" className={group}>
          {current ? (
            <Command.Item
              value="New card create"
              className={item}
              onSelect={() =>
                run(() => {
                  // The board opens its dialogs from the URL: `?new=1` for New card, `run=1` next to `card` for Run experiment.
                  if (pathname.endsWith("/board")) writeSearchParams({ new: "1" });
                  else router.push(`/${org}/${current.key}/board?new=1`);
                })
              }
            >
              <Plus className="size-4" aria-hidden /> New card in {current.key}
            </Command.Item>
          ) : null}
          {openCard && pathname.endsWith("/board") ? (
            <Command.Item value={`Run experiment job ${openCard}`} className={item} onSelect={() => run(() => writeSearchParams({ run: "1" }))}>
              <Play className="size-4" aria-hidden /> Run experiment on {openCard}
            </Command.Item>
          ) : null}
          <Command.Item value="Toggle theme dark light" className={item} onSelect={() => run(() => setTheme(resolvedTheme === "dark" ? "light" : "dark"))}>
            <Moon className="size-4" aria-hidden /> Toggle theme ({resolvedTheme === "dark" ? "light" : "dark"})
          </Command.Item>
        </Command.Group>
        <Command.Group heading="Go to" className={group}>
          {[...projects].sort((a, b) => (a.key === current?.key ? -1 : b.key === current?.key ? 1 : 0)).flatMap((p) => [
            <Command.Item key={`${p.key}-board`} value={`${p.key} ${p.name} board`} className={item} onSelect={() => go(`/${org}/${p.key}/board`)}>
              <KanbanSquare className="size-4" aria-hidden /> {p.name} · Board
            </Command.Item>,
            <Command.Item key={`${p.key}-backlog`} value={`${p.key} ${p.name} backlog`} className={item} onSelect={() => go(`/${org}/${p.key}/backlog`)}>
              <ListTodo className="size-4" aria-hidden /> {p.name} · Backlog
            </Command.Item>,
            <Command.Item key={`${p.key}-reports`} value={`${p.key} ${p.name} reports`} className={item} onSelect={() => go(`/${org}/${p.key}/reports`)}>
              <ChartLine className="size-4" aria-hidden /> {p.name} · Reports
            </Command.Item>,
          ])}
          <Command.Item value="Settings organization" className={item} onSelect={() => go(`/${org}/settings`)}>
            <Settings className="size-4" aria-hidden /> Settings
          </Command.Item>
          <Command.Item value="Home projects" className={item} onSelect={() => go(`/${org}`)}>
            <SquareDashed className="size-4" aria-hidden /> Home
          </Command.Item>
        </Command.Group>
      </Command.List>
    </Command.Dialog>
  );
}
