import type { Role } from "@/db/schema";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS, ROLE_TONES, sortRoles } from "./roles";

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {sortRoles(roles).map((r) => (
        <Badge key={r} tone={ROLE_TONES[r]}>
          {ROLE_LABELS[r]}
        </Badge>
      ))}
    </span>
  );
}
