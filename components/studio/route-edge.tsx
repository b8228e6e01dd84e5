"use client";

import type { EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { Point } from "@/lib/design/schema";
import type { RouteEdgeData } from "@/lib/canvas/edges";

/** An orthogonal polyline with softly rounded corners (radius at most 6, less on short runs). */
function roundedPath(points: Point[]): string {
  if (points.length === 0) return "";
  let d = `M${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [a, b, c] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(6, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const ux = Math.sign(b.x - a.x);
    const uy = Math.sign(b.y - a.y);
    const vx = Math.sign(c.x - b.x);
    const vy = Math.sign(c.y - b.y);
    d += ` L${b.x - ux * r},${b.y - uy * r} Q${b.x},${b.y} ${b.x + vx * r},${b.y + vy * r}`;
  }
  const last = points[points.length - 1];
  return `${d} L${last.x},${last.y}`;
}

/**
 * One store's replication lines, routed around the cards (lib/design/routing.ts), and its label.
 * A line to a member that is down in the simulator is drawn faded and dotted: it is not happening.
 */
export const RouteEdge = memo(function RouteEdge({ id, data }: EdgeProps) {
  const route = data as RouteEdgeData | undefined;
  if (!route) return null;
  const down = new Set(route.down ?? []);
  const stroke = { stroke: route.color, fill: "none" };
  return (
    <g className="store-route" data-store={route.store} data-testid={`route-${route.store}`}>
      {route.paths.map((path, i) => {
        const faded = down.has(route.members[i]);
        return (
          <path
            key={`${id}:${i}`}
            className="react-flow__edge-path store-line"
            d={roundedPath(path)}
            style={{ ...stroke, strokeWidth: 2, strokeDasharray: faded ? "2 4" : route.dashed ? "6 4" : undefined, opacity: faded ? 0.25 : 1 }}
          />
        );
      })}
      {route.learnerPaths.map((path, i) => (
        <path
          key={`${id}:l${i}`}
          className="react-flow__edge-path store-line learner-edge"
          data-learner={route.learners[i]}
          d={roundedPath(path)}
          style={{ ...stroke, strokeWidth: 1.5, strokeDasharray: "1 5", strokeLinecap: "round", opacity: down.has(route.learners[i]) ? 0.25 : 1 }}
        />
      ))}
      {route.label && (
        <g className="store-label" data-full-label={route.fullLabel} transform={`translate(${route.label.x},${route.label.y})`}>
          {/* A label shortened to fit says the rest on hover. */}
          <title>{route.fullLabel}</title>
          <rect width={route.label.width} height={route.label.height} rx={4} style={{ fill: "var(--surface)", stroke: route.color, strokeWidth: 1 }} />
          <text x={route.label.width / 2} y={route.label.height / 2} dominantBaseline="central" textAnchor="middle" style={{ fill: route.color, fontSize: 11, fontWeight: 600 }}>
            {route.label.text}
          </text>
        </g>
      )}
    </g>
  );
});

export const edgeTypes = { route: RouteEdge };
