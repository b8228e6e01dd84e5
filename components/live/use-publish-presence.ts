"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect } from "react";
import { roundPoint, sameList, sameViewport, selectionOf, type Viewport } from "@/lib/client/presence";
import type { FlowNode } from "@/lib/canvas/flow";
import { useStudioStore } from "@/components/studio/studio-context";
import { useLiveSession } from "./use-live-session";

/**
 * Shares where this person is on the canvas with the others in the live session: the pointer in
 * canvas coordinates (null when it leaves the canvas), the selection (selected canvas elements and
 * the focused store or operation) and the viewport. Only changes are handed to the session, which
 * throttles what it sends. Call it inside <ReactFlow> (it reads React Flow's store).
 */
export function usePublishPresence(): void {
  const session = useLiveSession();
  const studio = useStudioStore();
  const flow = useStoreApi<FlowNode>();
  const { screenToFlowPosition } = useReactFlow<FlowNode>();

  useEffect(() => {
    if (!session) return;
    /** The pointer's last position on screen, while it is over the canvas. */
    let pointer: { x: number; y: number } | null = null;
    let sentCursor: { x: number; y: number } | null | undefined;
    let sentViewport: Viewport | null = null;
    let sentSelection: string[] | null = null;

    const cursor = () => {
      const next = pointer ? roundPoint(screenToFlowPosition(pointer, { snapToGrid: false })) : null;
      if (next === sentCursor || (next && sentCursor && next.x === sentCursor.x && next.y === sentCursor.y)) return;
      sentCursor = next;
      session.setPresence({ cursor: next });
    };
    const viewport = () => {
      const { transform, width, height } = flow.getState();
      const [x, y, zoom] = transform;
      // The canvas's size goes with it: a follower lines up the centres (lib/client/presence.ts).
      const size = width > 0 && height > 0 ? { width: Math.round(width), height: Math.round(height) } : {};
      const next = { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, zoom: Math.round(zoom * 10_000) / 10_000, ...size };
      if (sameViewport(next, sentViewport)) return;
      sentViewport = next;
      session.setPresence({ viewport: next });
    };
    const selection = () => {
      const { flowNodes, focus } = studio.getState();
      const next = selectionOf(
        flowNodes.filter((n) => n.selected).map((n) => n.id),
        focus,
      );
      if (sentSelection && sameList(next, sentSelection)) return;
      sentSelection = next;
      session.setPresence({ selection: next });
    };

    const onMove = (event: PointerEvent) => {
      pointer = { x: event.clientX, y: event.clientY };
      cursor();
    };
    const onLeave = () => {
      pointer = null;
      cursor();
    };
    // The wrapper of the whole canvas: the pane, the cards and the frames all report the pointer.
    let dom: HTMLDivElement | null = null;
    const attach = (node: HTMLDivElement | null) => {
      if (node === dom) return;
      dom?.removeEventListener("pointermove", onMove);
      dom?.removeEventListener("pointerleave", onLeave);
      dom = node;
      dom?.addEventListener("pointermove", onMove, { passive: true });
      dom?.addEventListener("pointerleave", onLeave, { passive: true });
    };
    attach(flow.getState().domNode);

    const unsubscribeFlow = flow.subscribe((state, prev) => {
      if (state.domNode !== prev.domNode) attach(state.domNode);
      if (state.width !== prev.width || state.height !== prev.height) viewport();
      if (state.transform !== prev.transform) {
        viewport();
        // A wheel zoom moves the canvas under a still pointer.
        if (pointer) cursor();
      }
    });
    const unsubscribeStudio = studio.subscribe((state, prev) => {
      if (state.flowNodes !== prev.flowNodes || state.focus !== prev.focus) selection();
    });
    viewport();
    selection();
    cursor();

    return () => {
      attach(null);
      unsubscribeFlow();
      unsubscribeStudio();
    };
  }, [session, studio, flow, screenToFlowPosition]);
}
