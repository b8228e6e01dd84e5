"use client";

import { useStore, ViewportPortal, type ReactFlowState } from "@xyflow/react";
import { memo, useCallback, useMemo } from "react";
import type { StoreLines } from "@/lib/canvas/edges";
import { flowId } from "@/lib/canvas/flow";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/design/layout";
import type { Point } from "@/lib/design/schema";

/** Same centres (`Object.is`: a card not on the canvas, NaN, stays the same too). */
const sameNumbers = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Every store's straight lines on a large design (past the routing limit), centre to centre, in
 * one SVG in the viewport, under the frames and cards (app/globals.css): they follow a card while it is dragged (one
 * selector reads the centres of the cards they join), fade where a member is down in the
 * simulator, and carry each store's label. Not React Flow edges: those are culled by their ends'
 * boxes and are an SVG and a subscription each (lib/canvas/edges.ts).
 */
export const StoreLinesLayer = memo(function StoreLinesLayer({ stores, down }: { stores: StoreLines[]; down?: string[] }) {
  const ids = useMemo(() => [...new Set(stores.flatMap((s) => [...s.pairs, ...s.learnerPairs].flat()))], [stores]);
  const centres = useStore(
    useCallback(
      (s: ReactFlowState) =>
        ids.flatMap((id) => {
          const n = s.nodeLookup.get(flowId.node(id));
          if (!n) return [NaN, NaN];
          const { x, y } = n.internals.positionAbsolute;
          return [x + (n.measured.width ?? NODE_WIDTH) / 2, y + (n.measured.height ?? NODE_HEIGHT) / 2];
        }),
      [ids],
    ),
    sameNumbers,
  );
  const at = useMemo(() => new Map(ids.map((id, i) => [id, { x: centres[2 * i], y: centres[2 * i + 1] }])), [ids, centres]);
  const downSet = useMemo(() => new Set(down ?? []), [down]);
  return (
    <ViewportPortal>
      <svg className="store-lines">
        {stores.map((s) => (
          <StoreLinesView key={s.store} lines={s} at={at} down={downSet} />
        ))}
      </svg>
    </ViewportPortal>
  );
});

function StoreLinesView({ lines, at, down }: { lines: StoreLines; at: Map<string, Point>; down: Set<string> }) {
  // One <line> per pair, not one path of many: the raster culls a lone straight line's dashes to
  // what is on screen, while a path of many segments is dashed along its whole length — on a
  // 1,000-node design zoomed to 0.75 a drag ran at 27 fps, 47 as lines.
  const segments = (pairs: [string, string][], className: string) =>
    pairs.map(([a, b]) => {
      const p = at.get(a);
      const q = at.get(b);
      if (!p || !q || !Number.isFinite(p.x) || !Number.isFinite(q.x)) return null;
      return <line key={`${a}:${b}`} className={className} x1={p.x} y1={p.y} x2={q.x} y2={q.y} />;
    });
  const isDown = ([a, b]: [string, string]) => down.has(a) || down.has(b);
  const labelled = lines.labelPair === null ? null : lines.pairs[lines.labelPair];
  const ends = labelled ? [at.get(labelled[0]), at.get(labelled[1])] : [];
  const mid = ends[0] && ends[1] && Number.isFinite(ends[0].x) && Number.isFinite(ends[1].x) ? { x: (ends[0].x + ends[1].x) / 2, y: (ends[0].y + ends[1].y) / 2 } : null;
  // The label's box: 11 px bold text, measured by its length (an SVG text cannot size its own background).
  const width = lines.label.length * 6.6 + 10;
  const height = 18;
  return (
    <g className="store-route" data-store={lines.store} data-testid={`route-${lines.store}`} style={{ stroke: lines.color, fill: "none" }}>
      <g style={{ strokeWidth: 2, strokeDasharray: lines.dashed ? "6 4" : undefined }}>{segments(lines.pairs.filter((p) => !isDown(p)), "store-line")}</g>
      {/* Down in the simulator: faded and dotted. */}
      {lines.pairs.some(isDown) && <g style={{ strokeWidth: 2, strokeDasharray: "2 4", opacity: 0.25 }}>{segments(lines.pairs.filter(isDown), "store-line down")}</g>}
      {lines.learnerPairs.length > 0 && <g style={{ strokeWidth: 1.5, strokeDasharray: "1 5", strokeLinecap: "round" }}>{segments(lines.learnerPairs, "store-line learner-edge")}</g>}
      {mid && (
        <g className="store-label" data-full-label={lines.label} transform={`translate(${mid.x - width / 2},${mid.y - height / 2})`}>
          <title>{lines.label}</title>
          <rect width={width} height={height} rx={4} style={{ fill: "var(--surface)", stroke: lines.color, strokeWidth: 1 }} />
          <text x={width / 2} y={height / 2} dominantBaseline="central" textAnchor="middle" style={{ fill: lines.color, stroke: "none", fontSize: 11, fontWeight: 600 }}>
            {lines.label}
          </text>
        </g>
      )}
    </g>
  );
}
