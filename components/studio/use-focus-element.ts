"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import type { ElementTarget } from "@/lib/actions/find-elements";
import { flowId } from "@/lib/canvas/flow";
import type { Design } from "@/lib/design/schema";
import { useStudioStore } from "./studio-context";

/** What a bare design id names: an operation, a store, a node, a region or a zone ("use1/a"). */
function targetOf(design: Design, id: string): ElementTarget | null {
  if (design.operations?.some((o) => o.id === id)) return { type: "operation", id };
  if (design.stores?.some((s) => s.id === id)) return { type: "store", id };
  if (design.nodes?.some((n) => n.id === id)) return { type: "node", id };
  if (design.regions?.some((r) => r.id === id)) return { type: "region", id };
  const slash = id.indexOf("/");
  const region = slash > 0 ? design.regions?.find((r) => r.id === id.slice(0, slash)) : undefined;
  if (region?.zones?.includes(id.slice(slash + 1))) return { type: "zone", region: region.id, zone: id.slice(slash + 1) };
  return null;
}

/**
 * Selects an element (by design id, or as the command palette found it) and brings it into view:
 * nodes centred on the canvas, regions and zones fitted and centred, stores in the inspector
 * (their replicas in view), operations in the inspector and the operations table.
 */
export function useFocusElement() {
  const store = useStudioStore();
  const { getInternalNode, setCenter, fitView } = useReactFlow();
  return useCallback(
    (what: string | ElementTarget) => {
      const { design, select, setFocus } = store.getState();
      const target = typeof what === "string" ? targetOf(design, what) : what;
      if (!target) return;
      if (target.type === "operation") return setFocus(target, "operations");
      if (target.type === "store") {
        const found = design.stores?.find((s) => s.id === target.id);
        if (!found) return;
        setFocus(target);
        void fitView({ nodes: found.replicas.map((r) => ({ id: flowId.node(r) })), padding: 0.4, maxZoom: 1.2, duration: 300 });
        return;
      }
      const fid = target.type === "node" ? flowId.node(target.id) : target.type === "region" ? flowId.region(target.id) : flowId.zone(target.region, target.zone);
      select([fid]);
      if (target.type !== "node") {
        // A frame is centred whole, at a zoom where its labels read (never magnified past 100 %).
        void fitView({ nodes: [{ id: fid }], padding: 0.2, maxZoom: 1, duration: 300 });
        return;
      }
      const node = getInternalNode(fid);
      if (!node) return;
      const { x, y } = node.internals.positionAbsolute;
      const w = node.measured.width ?? node.width ?? 0;
      const h = node.measured.height ?? node.height ?? 0;
      void setCenter(x + w / 2, y + h / 2, { zoom: 1.2, duration: 300 });
    },
    [store, getInternalNode, setCenter, fitView],
  );
}
