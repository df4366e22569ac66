import type { Role } from "@/db/schema";
import { ROLE_LABELS, ROLE_ORDER } from "./roles";

/** Checkbox options for roles: those the editor cannot grant (and the member does not hold) are disabled. */
export function roleOptions(grantable: Role[], held: readonly Role[] = []) {
  return ROLE_ORDER.map((r) => ({ value: r, label: ROLE_LABELS[r], disabled: !grantable.includes(r) && !held.includes(r) }));
}

export function GrantHint() {
  return (
    <p className="-mt-2 text-[13px] text-zinc-500 dark:text-zinc-400">
      Greyed-out roles are ones you do not hold: only an admin can grant those.
    </p>
  );
}
