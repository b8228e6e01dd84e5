"use client";

/**
 * P(fresh) against the time since the write's acknowledgement (PBS t-visibility), drawn by uPlot.
 * Loaded on demand (next/dynamic) so the chart library is not in the studio's first bundle; the
 * numbers themselves are the caller's text alternative. Colours come from the theme's CSS
 * variables and are re-read when the system switches between light and dark.
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { TVisibility } from "@/lib/analysis/types";
import { subscribeTheme } from "@/lib/client/theme";
import { formatFresh } from "@/lib/client/format";

const X_TICKS = [0, 1, 10, 100, 1000];
const Y_TICKS = [0, 0.25, 0.5, 0.75, 1];

function theme() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { line: v("--accent", "#3b5bdb"), text: v("--text-muted", "#5b6577"), grid: v("--border", "#d9dde3"), surface: v("--surface", "#ffffff"), font: v("--font", "system-ui, sans-serif") };
}

export default function TVisibilityChart({ tv, width, height = 150 }: { tv: TVisibility; width: number; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let plot: uPlot | null = null;
    const draw = () => {
      plot?.destroy();
      const t = theme();
      const axis = { stroke: t.text, font: `11px ${t.font}`, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1, size: 4 } };
      plot = new uPlot(
        {
          width,
          height,
          padding: [8, 18, 0, 0],
          legend: { show: false },
          cursor: { drag: { x: false, y: false }, points: { size: 7, fill: t.line } },
          // asinh: linear near 0, logarithmic beyond, so 0 ms and 1000 ms fit on one axis.
          scales: { x: { time: false, distr: 4, asinh: 1, range: [0, 1000] }, y: { range: [0, 1] } },
          axes: [
            { ...axis, splits: () => X_TICKS, values: (_u, splits) => splits.map((x) => String(x)), size: 22, label: "ms after the write is acknowledged", labelSize: 16, labelFont: `11px ${t.font}` },
            { ...axis, splits: () => Y_TICKS, values: (_u, splits) => splits.map((y) => `${Math.round(y * 100)} %`), size: 44 },
          ],
          series: [{ label: "t (ms)" }, { label: "P(fresh)", stroke: t.line, width: 2, fill: /^#[0-9a-f]{6}$/i.test(t.line) ? `${t.line}22` : undefined, points: { show: true, size: 5, stroke: t.line, fill: t.surface }, value: (_u, v) => (v === null ? "–" : formatFresh(v)) }],
        },
        [tv.points.map((p) => p.tMs), tv.points.map((p) => p.pFresh)],
        el,
      );
    };
    draw();
    const unsubscribe = subscribeTheme(draw);
    return () => {
      unsubscribe();
      plot?.destroy();
    };
  }, [tv, width, height]);
  return <div ref={host} className="tv-chart" data-testid="tv-chart" aria-hidden="true" />;
}
