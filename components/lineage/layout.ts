export const NODE_W = 232;
export const NODE_H = 76;
const GAP_X = 96;
const GAP_Y = 28;

/**
 * A left-to-right layered layout: each node's layer is its longest path from a source, nodes in a
 * layer are ordered by the mean position of their predecessors (fewer crossings), and every layer
 * is centred vertically. Enough for lineage graphs of tens of nodes; no layout library needed.
 */
export function layeredLayout(nodeIds: string[], edges: { source: string; target: string }[]): Map<string, { x: number; y: number }> {
  const ids = new Set(nodeIds);
  const preds = new Map<string, string[]>(nodeIds.map((id) => [id, []]));
  for (const e of edges) if (ids.has(e.source) && ids.has(e.target)) preds.get(e.target)!.push(e.source);
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    if (layer.has(id)) return layer.get(id)!;
    if (visiting.has(id)) return 0; // a cycle: lineage has none, but never loop
    visiting.add(id);
    const d = Math.max(-1, ...preds.get(id)!.map(depth)) + 1;
    visiting.delete(id);
    layer.set(id, d);
    return d;
  };
  nodeIds.forEach(depth);
  const layers: string[][] = [];
  for (const id of nodeIds) (layers[layer.get(id)!] ??= []).push(id);
  const row = new Map<string, number>();
  layers.forEach((ids, i) => {
    if (i > 0) {
      const score = (id: string) => {
        const ps = preds.get(id)!.filter((p) => row.has(p));
        return ps.length ? ps.reduce((s, p) => s + row.get(p)!, 0) / ps.length : Number.MAX_SAFE_INTEGER;
      };
      ids.sort((a, b) => score(a) - score(b));
    }
    ids.forEach((id, r) => row.set(id, r));
  });
  const tallest = Math.max(0, ...layers.map((l) => l?.length ?? 0));
  const pos = new Map<string, { x: number; y: number }>();
  layers.forEach((ids, i) => {
    const offset = ((tallest - ids.length) * (NODE_H + GAP_Y)) / 2;
    ids.forEach((id, r) => pos.set(id, { x: i * (NODE_W + GAP_X), y: offset + r * (NODE_H + GAP_Y) }));
  });
  return pos;
}
