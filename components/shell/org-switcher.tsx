"use client";

import { useRouter } from "next/navigation";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { Menu, MenuLabel, menuItemClass } from "@/components/ui/menu";
import { MenuFooterLink } from "./menu-link";
import { initials, type ShellOrg } from "./types";

function OrgAvatar({ name }: { name: string }) {
  return (
    <span className="flex size-7 shrink-0 items-center justify-center rounded-md bg-brand-600 text-xs font-semibold text-white">
      {initials(name)}
    </span>
  );
}

export function OrgSwitcher({ current, orgs }: { current: ShellOrg; orgs: ShellOrg[] }) {
  const router = useRouter();
  return (
    <Menu
      label={`Organization: ${current.name}. Switch organization`}
      className="w-full"
      triggerClassName="flex w-full items-center gap-2.5 rounded-md p-1.5 text-left hover:bg-zinc-200/60 dark:hover:bg-zinc-800"
      trigger={
        <>
          <OrgAvatar name={current.name} />
          <span className="min-w-0 flex-1 truncate text-sm font-semibold">{current.name}</span>
          <ChevronsUpDown className="size-4 shrink-0 text-zinc-400" aria-hidden />
        </>
      }
    >
      {(close) => (
        <>
          <MenuLabel>Organizations</MenuLabel>
          {orgs.map((o) => (
            <button
              key={o.slug}
              type="button"
              data-menu-item
              className={menuItemClass}
              aria-current={o.slug === current.slug ? "true" : undefined}
              onClick={() => {
                close();
                if (o.slug !== current.slug) router.push(`/${o.slug}`);
              }}
            >
              <OrgAvatar name={o.name} />
              <span className="flex-1 truncate">{o.name}</span>
              {o.slug === current.slug ? <Check className="size-4 text-brand-600" aria-label="current" /> : null}
            </button>
          ))}
          <MenuFooterLink href="/onboarding" icon={Plus} label="New organization" onClick={close} />
        </>
      )}
    </Menu>
  );
}
