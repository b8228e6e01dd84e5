"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { frameAt, resolveLayout } from "@/lib/design/layout";
import { frameOfSelection } from "@/lib/actions/add";
import { useStudioStore } from "./studio-context";

/**
 * Where a click-added node or zone goes: the selected zone or region (or the selected node's),
 * else the frame at the centre of the view, else the last region.
 */
export function useTargetFrame() {
  const store = useStudioStore();
  const { screenToFlowPosition } = useReactFlow();
  return useCallback((): { region: string; zone?: string } | undefined => {
    const state = store.getState();
    const { design } = state;
    const regions = design.regions ?? [];
    if (regions.length === 0) return undefined;
    const selected = frameOfSelection(state);
    if (selected) return selected;
    const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
    if (pane) {
      const centre = screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
      const target = frameAt(design, resolveLayout(design), centre);
      if (target) return { region: target.region, zone: target.zone };
    }
    return { region: regions[regions.length - 1].id };
  }, [store, screenToFlowPosition]);
}
