export interface ShellUser {
  id: string;
  name: string;
  email: string;
}
export interface ShellOrg {
  slug: string;
  name: string;
}
export interface ShellProject {
  key: string;
  name: string;
}

export const PROJECT_VIEWS = [
  { segment: "board", label: "Board" },
  { segment: "backlog", label: "Backlog" },
  { segment: "pipeline", label: "Pipeline" },
  { segment: "reports", label: "Reports" },
] as const;

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase();
}
