import type { SelectHTMLAttributes } from "react";
import { cn } from "./cn";

export interface SelectProps extends SelectHTMLAttributes<HTMLSelectElement> {
  invalid?: boolean;
  /** `sm` for dense property panels (the card panel); `md` everywhere else. */
  density?: "md" | "sm";
  /** Size to the content (toolbars, filters) instead of filling the form row. */
  inline?: boolean;
}

/**
 * The one styled native `<select>`: native so keyboard, screen readers, mobile pickers and
 * Playwright's `selectOption` work unchanged. Fills its form row unless `inline`.
 */
export function Select({ className, invalid, density = "md", inline = false, ...rest }: SelectProps) {
  return (
    <select
      className={cn(
        "rounded-md border bg-white px-2 text-zinc-900 shadow-sm",
        inline ? "inline-block" : "block w-full",
        "focus-visible:border-brand-500 focus-visible:outline-2 focus-visible:outline-offset-0",
        "disabled:cursor-not-allowed disabled:opacity-60 dark:bg-zinc-900 dark:text-zinc-100",
        density === "sm" ? "h-8 text-[13px]" : "h-9 text-sm",
        invalid ? "border-red-500 dark:border-red-500" : "border-zinc-300 dark:border-zinc-700",
        className,
      )}
      aria-invalid={invalid || undefined}
      {...rest}
    />
  );
}
