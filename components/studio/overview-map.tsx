"use client";

import { Panel, useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { flowId, type FlowNode } from "@/lib/canvas/flow";
import { overviewFrame, type Box } from "@/lib/canvas/overview";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/design/layout";
import { useStudioStore } from "./studio-context";

const WIDTH = 160;
const HEIGHT = 100;
/** Failed or down in the simulator (the canvas's grey). */
const FAILED = "#868e96";
const FAILED_FRAME = "rgba(134, 142, 150, 0.35)";

/**
 * The minimap: the whole drawing in 160 × 100 px, the part on screen clear and the rest shaded.
 * Press or drag on it to move the view there; scroll on it to zoom.
 *
 * One `<canvas>` drawn from the studio's flow nodes and React Flow's viewport, by subscriptions
 * outside React: React Flow's own `<MiniMap>` gives each node a component subscribed to its store
 * (1,000 selector checks, and an SVG of 1,000 rects repainted, on every pointer move of a drag on
 * a 1,000-node design); this redraws at most once a frame, for a few tenths of a millisecond.
 */
export function OverviewMap() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const studio = useStudioStore();
  const flow = useStoreApi();
  const { setViewport, getViewport } = useReactFlow();
  /** The frame last drawn: where a press on the map points to. */
  const drawn = useRef<{ scale: number; x: number; y: number } | null>(null);
  /** The map is pressed: a move of the pointer moves the view. */
  const held = useRef(false);

  useEffect(() => {
    let frame = 0;
    const draw = () => {
      frame = 0;
      const el = canvas.current;
      const ctx = el?.getContext("2d");
      if (!el || !ctx) return;
      const { transform, width, height } = flow.getState();
      const [tx, ty, zoom] = transform;
      const view: Box = { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
      const state = studio.getState();
      const boxes = absoluteBoxes(state.flowNodes);
      // In the simulator, what is failed or down is grey here as on the canvas: the whole design's outage at a glance.
      const grey = new Set<string>(
        state.mode === "simulate"
          ? [
              ...(state.simulation?.downNodes ?? []).map(flowId.node),
              ...(state.scenario.failRegions ?? []).map(flowId.region),
              ...(state.scenario.failZones ?? []).map((key) => flowId.zone(key.slice(0, key.indexOf("/")), key.slice(key.indexOf("/") + 1))),
            ]
          : [],
      );
      const fit = overviewFrame(boxes.map((b) => b.box), view, WIDTH, HEIGHT);
      drawn.current = fit;
      const ratio = window.devicePixelRatio || 1;
      if (el.width !== WIDTH * ratio) {
        el.width = WIDTH * ratio;
        el.height = HEIGHT * ratio;
      }
      const css = getComputedStyle(el);
      const color = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
      const fills = { region: color("--region-border", "#adb5bd"), zone: color("--zone-border", "#ced4da"), component: color("--accent", "#1c7ed6") };
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, WIDTH, HEIGHT);
      const at = (b: Box) => [(b.x - fit.x) * fit.scale, (b.y - fit.y) * fit.scale, b.width * fit.scale, b.height * fit.scale] as const;
      for (const { id, box, type } of boxes) {
        const [x, y, w, h] = at(box);
        if (type === "component") {
          ctx.fillStyle = grey.has(id) ? FAILED : fills.component;
          ctx.fillRect(x, y, Math.max(w, 1), Math.max(h, 1));
        } else {
          if (grey.has(id)) {
            ctx.fillStyle = FAILED_FRAME;
            ctx.fillRect(x, y, w, h);
          }
          ctx.strokeStyle = fills[type];
          ctx.lineWidth = 1;
          ctx.strokeRect(x + 0.5, y + 0.5, w, h);
        }
      }
      // Shade what is off screen.
      const [vx, vy, vw, vh] = at(view);
      ctx.fillStyle = color("--minimap-mask", "rgba(240, 242, 245, 0.6)");
      ctx.beginPath();
      ctx.rect(0, 0, WIDTH, HEIGHT);
      ctx.rect(vx, vy, vw, vh);
      ctx.fill("evenodd");
      ctx.strokeStyle = fills.component;
      ctx.strokeRect(vx + 0.5, vy + 0.5, vw, vh);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    schedule();
    const offStudio = studio.subscribe((s, prev) => {
      if (s.flowNodes !== prev.flowNodes || s.mode !== prev.mode || s.scenario !== prev.scenario || s.simulation !== prev.simulation) schedule();
    });
    const offFlow = flow.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) schedule();
    });
    // The theme changes the colours.
    const themes = new MutationObserver(schedule);
    themes.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class"] });
    return () => {
      offStudio();
      offFlow();
      themes.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [studio, flow]);

  /** Centres the view on the drawing's point under the pointer (held inside the map: a drag past its edge stops there). */
  const moveTo = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const fit = drawn.current;
    if (!fit) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const px = Math.min(Math.max(event.clientX - rect.left, 0), WIDTH);
    const py = Math.min(Math.max(event.clientY - rect.top, 0), HEIGHT);
    const point = { x: fit.x + px / fit.scale, y: fit.y + py / fit.scale };
    const { width, height } = flow.getState();
    const { zoom } = getViewport();
    setViewport({ x: width / 2 - point.x * zoom, y: height / 2 - point.y * zoom, zoom });
  };

  useEffect(() => {
    // A wheel listener that may cancel the page's scroll (React's onWheel is passive).
    const el = canvas.current;
    if (!el) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { width, height, minZoom, maxZoom } = flow.getState();
      const { x, y, zoom } = getViewport();
      const next = Math.min(maxZoom, Math.max(minZoom, zoom * Math.pow(2, -event.deltaY / 300)));
      // Zoom about the centre of the view.
      const cx = (width / 2 - x) / zoom;
      const cy = (height / 2 - y) / zoom;
      setViewport({ x: width / 2 - cx * next, y: height / 2 - cy * next, zoom: next });
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [flow, getViewport, setViewport]);

  return (
    <Panel position="bottom-right" className="overview-map">
      <canvas
        ref={canvas}
        role="img"
        aria-label="Minimap: press or drag to move the view there, scroll to zoom"
        title="Minimap — press or drag to move the view there, scroll to zoom"
        style={{ width: WIDTH, height: HEIGHT }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          held.current = true;
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (held.current) moveTo(e);
        }}
        onPointerUp={() => (held.current = false)}
        onLostPointerCapture={() => (held.current = false)}
      />
    </Panel>
  );
}

/** Each flow node's box in the drawing's coordinates (flow nodes are placed relative to their parent). */
function absoluteBoxes(nodes: readonly FlowNode[]): { id: string; box: Box; type: FlowNode["type"] & string }[] {
  const origin = new Map<string, { x: number; y: number }>();
  const out: { id: string; box: Box; type: FlowNode["type"] & string }[] = [];
  // Parents come before their children in the flow nodes (React Flow requires it).
  for (const n of nodes) {
    const parent = n.parentId ? origin.get(n.parentId) : undefined;
    const x = (parent?.x ?? 0) + n.position.x;
    const y = (parent?.y ?? 0) + n.position.y;
    origin.set(n.id, { x, y });
    const width = n.width ?? n.measured?.width ?? (n.type === "component" ? NODE_WIDTH : 0);
    const height = n.height ?? n.measured?.height ?? (n.type === "component" ? NODE_HEIGHT : 0);
    if (n.type && width > 0 && height > 0) out.push({ id: n.id, box: { x, y, width, height }, type: n.type });
  }
  return out;
}
