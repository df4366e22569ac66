"use client";

import { useId } from "react";
import { cn } from "./cn";

export interface CheckboxOption<V extends string> {
  value: V;
  label: string;
  disabled?: boolean;
}

/** A fieldset of checkboxes for picking several values, e.g. a member's roles. */
export function CheckboxGroup<V extends string>({
  legend,
  options,
  value,
  onChange,
  className,
  error,
}: {
  legend: string;
  options: readonly CheckboxOption<V>[];
  value: readonly V[];
  onChange: (next: V[]) => void;
  className?: string;
  error?: string | null;
}) {
  const id = useId();
  return (
    <fieldset className={cn("space-y-2", className)} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">{legend}</legend>
      <div className="grid grid-cols-2 gap-x-4 gap-y-2">
        {options.map((o) => (
          <label
            key={o.value}
            className={cn(
              "flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300",
              o.disabled && "cursor-not-allowed opacity-50",
            )}
          >
            <input
              type="checkbox"
              className="size-4 rounded border-zinc-300 accent-brand-600 dark:border-zinc-600"
              checked={value.includes(o.value)}
              disabled={o.disabled}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
              }
            />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-[13px] text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
