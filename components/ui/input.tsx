import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

const FIELD =
  "block w-full rounded-md border bg-white text-zinc-900 shadow-sm placeholder:text-zinc-400 " +
  "focus-visible:border-brand-500 focus-visible:outline-2 focus-visible:outline-offset-0 " +
  "disabled:cursor-not-allowed disabled:opacity-60 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500";

function border(invalid: boolean | undefined) {
  return invalid ? "border-red-500 dark:border-red-500" : "border-zinc-300 dark:border-zinc-700";
}

export interface InputProps extends InputHTMLAttributes<HTMLInputElement> {
  invalid?: boolean;
  /** `sm` for dense property panels, matching `Select density="sm"`. */
  density?: "md" | "sm";
}

export function Input({ className, invalid, density = "md", ...rest }: InputProps) {
  const size = density === "sm" ? "h-8 px-2 text-[13px]" : "h-9 px-3 text-sm";
  return <input className={cn(FIELD, size, border(invalid), className)} aria-invalid={invalid || undefined} {...rest} />;
}

export interface TextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  invalid?: boolean;
}

export function Textarea({ className, invalid, ...rest }: TextareaProps) {
  return (
    <textarea className={cn(FIELD, "min-h-20 px-3 py-2 text-sm", border(invalid), className)} aria-invalid={invalid || undefined} {...rest} />
  );
}
