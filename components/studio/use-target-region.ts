"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { frameAt, resolveLayout } from "@/lib/design/layout";
import { parseFlowId } from "@/lib/canvas/flow";
import { useStudioStore } from "./studio-context";

/**
 * Where a click-added node or zone goes: the selected zone or region (or the selected node's),
 * else the frame at the centre of the view, else the last region.
 */
export function useTargetFrame() {
  const store = useStudioStore();
  const { screenToFlowPosition } = useReactFlow();
  return useCallback((): { region: string; zone?: string } | undefined => {
    const { design, flowNodes } = store.getState();
    const regions = design.regions ?? [];
    if (regions.length === 0) return undefined;
    for (const selected of flowNodes.filter((n) => n.selected)) {
      const ref = parseFlowId(selected.id);
      if (ref?.type === "zone") return { region: ref.region, zone: ref.zone };
      if (ref?.type === "region") return { region: ref.id };
      if (ref?.type === "node") {
        const node = design.nodes?.find((n) => n.id === ref.id);
        const region = regions.find((r) => r.id === node?.region);
        if (node && region) return { region: region.id, zone: node.zone !== undefined && region.zones?.includes(node.zone) ? node.zone : undefined };
      }
    }
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    if (pane) {
      const centre = screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
      const target = frameAt(design, resolveLayout(design), centre);
      if (target) return { region: target.region, zone: target.zone };
    }
    return { region: regions[regions.length - 1].id };
  }, [store, screenToFlowPosition]);
}
