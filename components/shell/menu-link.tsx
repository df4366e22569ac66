import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import { MenuSeparator, menuItemClass } from "@/components/ui/menu";

/** A shell menu's trailing link, below a separator, that closes the menu when followed. */
export function MenuFooterLink({ href, icon: Icon, label, onClick }: { href: string; icon: LucideIcon; label: string; onClick: () => void }) {
  return (
    <>
      <MenuSeparator />
      <Link href={href} data-menu-item className={menuItemClass} onClick={onClick}>
        <Icon className="size-4" aria-hidden />
        {label}
      </Link>
    </>
  );
}
