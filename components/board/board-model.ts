import { ROLE_META } from "@/components/cards/card-meta";
import type { BoardCard, BoardData, BoardFilters, Member } from "./types";

export const LANE_SEP = "|";

export interface Lane {
  id: string;
  title: string;
  /** The card fields a card dropped into this lane takes. */
  patch: { role?: string | null; assigneeId?: string | null } | null;
  match: (card: BoardCard) => boolean;
}

export function containerId(laneId: string, columnId: string) {
  return `${laneId}${LANE_SEP}${columnId}`;
}

export function parseContainer(id: string) {
  const i = id.lastIndexOf(LANE_SEP);
  return { laneId: id.slice(0, i), columnId: id.slice(i + 1) };
}

export function hasFilters(f: BoardFilters) {
  return Boolean(f.q || f.assignee || f.role || f.type || f.label || f.mine);
}

export function cardMatcher(f: BoardFilters, userId: string) {
  const q = f.q.trim().toLowerCase();
  return (c: BoardCard) =>
    (!q || c.title.toLowerCase().includes(q) || c.key.toLowerCase().includes(q) || c.labels.some((l) => l.toLowerCase().includes(q))) &&
    (!f.assignee || (f.assignee === "none" ? c.assigneeId === null : c.assigneeId === f.assignee)) &&
    (!f.role || (f.role === "none" ? c.role === null : c.role === f.role)) &&
    (!f.type || c.type === f.type) &&
    (!f.label || c.labels.includes(f.label)) &&
    (!f.mine || c.assigneeId === userId);
}

export function lanesFor(kind: BoardFilters["lanes"], board: BoardData, members: Member[]): Lane[] {
  if (kind === "role") {
    return [
      ...Object.entries(ROLE_META).map(([role, meta]) => ({ id: role, title: meta.plural, patch: { role }, match: (c: BoardCard) => c.role === role })),
      { id: "none", title: "Unassigned role", patch: { role: null }, match: (c: BoardCard) => c.role === null },
    ];
  }
  if (kind === "assignee") {
    const names = new Map(members.map((m) => [m.userId, m.name]));
    for (const col of board.columns) for (const c of col.cards) if (c.assigneeId && !names.has(c.assigneeId)) names.set(c.assigneeId, c.assigneeName ?? "Someone");
    const present = new Set(board.columns.flatMap((col) => col.cards.map((c) => c.assigneeId)));
    return [
      ...[...names]
        .filter(([id]) => present.has(id))
        .sort((a, b) => a[1].localeCompare(b[1]))
        .map(([id, name]) => ({ id, title: name, patch: { assigneeId: id }, match: (c: BoardCard) => c.assigneeId === id })),
      { id: "none", title: "Unassigned", patch: { assigneeId: null }, match: (c: BoardCard) => c.assigneeId === null },
    ];
  }
  return [{ id: "all", title: "", patch: null, match: () => true }];
}

/** The board after moving `key` into `columnId` next to its neighbours, as the server will order it. */
export function moveInBoard(
  board: BoardData,
  key: string,
  columnId: string,
  where: { after?: string; before?: string },
  patch: Partial<BoardCard> = {},
): BoardData {
  let moving: BoardCard | undefined;
  const stripped = board.columns.map((col) => {
    const i = col.cards.findIndex((c) => c.key === key);
    if (i < 0) return col;
    moving = col.cards[i];
    return { ...col, cards: col.cards.filter((c) => c.key !== key) };
  });
  if (!moving) return board;
  const moved = { ...moving, ...patch, columnId };
  return {
    ...board,
    columns: stripped.map((col) => {
      if (col.id !== columnId) return col;
      const cards = [...col.cards];
      let at = cards.length;
      if (where.after) at = cards.findIndex((c) => c.key === where.after) + 1;
      else if (where.before) at = Math.max(0, cards.findIndex((c) => c.key === where.before));
      if (at <= 0 && where.after) at = cards.length;
      cards.splice(at, 0, moved);
      return { ...col, cards };
    }),
  };
}

export function patchCard(board: BoardData, key: string, patch: Partial<BoardCard>): BoardData {
  return { ...board, columns: board.columns.map((col) => ({ ...col, cards: col.cards.map((c) => (c.key === key ? { ...c, ...patch } : c)) })) };
}
