"use client";

import { useTheme } from "next-themes";
import { BookOpen, ChevronsUpDown, LogOut, Monitor, Moon, Sun } from "lucide-react";
import { signOutAction } from "@/app/(app)/[org]/actions";
import { cn } from "@/components/ui/cn";
import { Menu, MenuLabel, menuItemClass } from "@/components/ui/menu";
import { MenuFooterLink } from "./menu-link";
import { initials, type ShellUser } from "./types";

const THEMES = [
  { value: "light", label: "Light", icon: Sun },
  { value: "dark", label: "Dark", icon: Moon },
  { value: "system", label: "System", icon: Monitor },
] as const;

export function UserMenu({ user }: { user: ShellUser }) {
  const { theme, setTheme } = useTheme();
  return (
    <Menu
      label={`Account: ${user.name}`}
      side="top"
      className="w-full"
      triggerClassName="flex w-full items-center gap-2.5 rounded-md p-1.5 text-left hover:bg-zinc-200/60 dark:hover:bg-zinc-800"
      trigger={
        <>
          <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-zinc-300 text-xs font-semibold text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200">
            {initials(user.name || user.email)}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-medium">{user.name}</span>
            <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</span>
          </span>
          <ChevronsUpDown className="size-4 shrink-0 text-zinc-400" aria-hidden />
        </>
      }
    >
      {(close) => (
        <>
          <MenuLabel>Theme</MenuLabel>
          <div role="radiogroup" aria-label="Theme" className="grid grid-cols-3 gap-1 px-1 pb-1">
            {THEMES.map(({ value, label, icon: Icon }) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={theme === value}
                data-menu-item
                onClick={() => setTheme(value)}
                className={cn(
                  "flex flex-col items-center gap-1 rounded-md border px-2 py-1.5 text-xs",
                  theme === value
                    ? "border-brand-500 bg-brand-50 text-brand-700 dark:bg-brand-500/15 dark:text-brand-100"
                    : "border-zinc-200 text-zinc-600 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-400 dark:hover:bg-zinc-800",
                )}
              >
                <Icon className="size-4" aria-hidden />
                {label}
              </button>
            ))}
          </div>
          <MenuFooterLink href="/docs/api" icon={BookOpen} label="API reference" onClick={close} />
          <form action={signOutAction}>
            <button type="submit" data-menu-item className={menuItemClass}>
              <LogOut className="size-4" aria-hidden />
              Sign out
            </button>
          </form>
        </>
      )}
    </Menu>
  );
}
