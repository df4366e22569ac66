"use client";

import "@xyflow/react/dist/style.css";
import { useEffect, useMemo, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Background, Controls, Handle, MarkerType, Position, ReactFlow, type Edge, type Node, type NodeProps } from "@xyflow/react";
import { Boxes, Database, FileQuestion, FlaskConical } from "lucide-react";
import { statusLabel, STATUS_TONE } from "@/components/runs/format";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { LineageEdge, LineageNode } from "@/server/services/lineage/get-lineage";
import { layeredLayout, NODE_H, NODE_W } from "./layout";

const ICON = { dataset_version: Database, input: FileQuestion, run: FlaskConical, model_version: Boxes } as const;
const KIND = { dataset_version: "Dataset version", input: "Run input", run: "Run", model_version: "Model version" } as const;

type LNode = Node<{ node: LineageNode }, "lineage">;

function LineageNodeView({ data: { node } }: NodeProps<LNode>) {
  const Icon = ICON[node.kind];
  const label = node.url ? (
    <Link href={node.url} className="nopan truncate font-medium hover:underline" onClick={(e) => e.stopPropagation()}>
      {node.label}
    </Link>
  ) : (
    <span className="truncate font-medium">{node.label}</span>
  );
  return (
    <div
      data-kind={node.kind}
      className={cn(
        "flex flex-col justify-center gap-1 rounded-lg border bg-white px-3 text-left text-[13px] shadow-sm dark:bg-zinc-900",
        node.focus ? "border-brand-500 ring-2 ring-brand-500/30" : "border-zinc-200 dark:border-zinc-700",
        node.url ? "cursor-pointer hover:border-brand-500" : "border-dashed",
      )}
      style={{ width: NODE_W, height: NODE_H }}
    >
      <Handle type="target" position={Position.Left} className="!border-0 !bg-transparent" isConnectable={false} />
      <div className="flex min-w-0 items-center gap-1.5 text-zinc-900 dark:text-zinc-100">
        <Icon className="size-3.5 shrink-0 text-zinc-400" aria-label={KIND[node.kind]} />
        {label}
      </div>
      <div className="flex min-w-0 items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
        <span className="truncate">{node.detail}</span>
        <span className="ml-auto flex shrink-0 gap-1">
          {node.status ? <Badge tone={STATUS_TONE[node.status]}>{statusLabel(node.status)}</Badge> : null}
          {node.ready !== undefined ? <Badge tone={node.ready ? "green" : "neutral"}>{node.ready ? "Ready" : "Not ready"}</Badge> : null}
          {node.aliases?.slice(0, 2).map((a) => (
            <Badge key={a} tone="violet">
              @{a}
            </Badge>
          ))}
        </span>
      </div>
      <Handle type="source" position={Position.Right} className="!border-0 !bg-transparent" isConnectable={false} />
    </div>
  );
}

const nodeTypes = { lineage: LineageNodeView };

function useDarkClass() {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const el = document.documentElement;
    const read = () => setDark(el.classList.contains("dark"));
    read();
    const obs = new MutationObserver(read);
    obs.observe(el, { attributes: true, attributeFilter: ["class"] });
    return () => obs.disconnect();
  }, []);
  return dark;
}

/** The lineage DAG, left to right: dataset versions → runs → model versions; a click opens a node's page. */
export function LineageGraph({ nodes, edges }: { nodes: LineageNode[]; edges: LineageEdge[] }) {
  const router = useRouter();
  const dark = useDarkClass();
  const { flowNodes, flowEdges, height } = useMemo(() => {
    const pos = layeredLayout(
      nodes.map((n) => n.id),
      edges,
    );
    const flowNodes: LNode[] = nodes.map((n) => ({ id: n.id, type: "lineage", position: pos.get(n.id)!, data: { node: n }, draggable: false, connectable: false }));
    const flowEdges: Edge[] = edges.map((e) => ({
      id: `${e.source}>${e.target}`,
      source: e.source,
      target: e.target,
      type: "smoothstep",
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    }));
    const bottom = Math.max(0, ...[...pos.values()].map((p) => p.y + NODE_H));
    return { flowNodes, flowEdges, height: Math.min(640, Math.max(260, bottom + 80)) };
  }, [nodes, edges]);
  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800" style={{ height }} data-testid="lineage-graph">
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        colorMode={dark ? "dark" : "light"}
        fitView
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        onNodeClick={(_, n) => {
          const url = (n as LNode).data.node.url;
          if (url) router.push(url);
        }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
    </div>
  );
}
