"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { flowId } from "@/lib/canvas/flow";
import { useStudioStore } from "./studio-context";

/**
 * Selects an element by design id and brings it into view: nodes and regions on the canvas,
 * stores in the inspector, operations in the operations table.
 */
export function useFocusElement() {
  const store = useStudioStore();
  const { getInternalNode, setCenter, fitView } = useReactFlow();
  return useCallback(
    (id: string) => {
      const { design, select, setFocus } = store.getState();
      if (design.operations?.some((o) => o.id === id)) return setFocus({ type: "operation", id }, "operations");
      const target = design.stores?.find((s) => s.id === id);
      if (target) {
        setFocus({ type: "store", id });
        void fitView({ nodes: target.replicas.map((r) => ({ id: flowId.node(r) })), padding: 0.4, maxZoom: 1.2, duration: 300 });
        return;
      }
      const fid = design.nodes?.some((n) => n.id === id) ? flowId.node(id) : design.regions?.some((r) => r.id === id) ? flowId.region(id) : null;
      if (!fid) return;
      select([fid]);
      const node = getInternalNode(fid);
      if (!node) return;
      const { x, y } = node.internals.positionAbsolute;
      const w = node.measured.width ?? node.width ?? 0;
      const h = node.measured.height ?? node.height ?? 0;
      void setCenter(x + w / 2, y + h / 2, { zoom: fid.startsWith("node:") ? 1.2 : 0.8, duration: 300 });
    },
    [store, getInternalNode, setCenter, fitView],
  );
}
