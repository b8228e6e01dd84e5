"use client";

import { ReactFlow, useNodesState, type Node } from "@xyflow/react";
import { useState } from "react";

/** Card size of the studio's canvas nodes (lib/design/layout.ts), so both canvases fit at the same zoom. */
const WIDTH = 188;
const HEIGHT = 48;

/**
 * `count` default React Flow nodes in a grid about as wide as the studio lays out a generated
 * design, with the studio canvas's own settings that change rendering cost (fit view, only the
 * visible elements above 300 nodes, snap to grid), and nothing else: no edges, no custom nodes,
 * no store.
 */
export function BareFlow({ count }: { count: number }) {
  const [initial] = useState(() => {
    const columns = Math.ceil(Math.sqrt(count * 3));
    return Array.from({ length: count }, (_, i): Node => ({
      id: `n${i}`,
      position: { x: (i % columns) * (WIDTH + 24), y: Math.floor(i / columns) * (HEIGHT + 40) },
      data: { label: `node ${i}` },
      style: { width: WIDTH, height: HEIGHT },
    }));
  });
  const [nodes, , onNodesChange] = useNodesState(initial);
  return (
    <div style={{ position: "fixed", inset: 0 }} data-testid="bench-flow">
      <ReactFlow nodes={nodes} onNodesChange={onNodesChange} onlyRenderVisibleElements={count > 300} snapToGrid snapGrid={[8, 8]} minZoom={0.1} fitView proOptions={{ hideAttribution: true }} aria-label="Bench canvas" />
    </div>
  );
}
