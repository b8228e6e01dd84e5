"use client";

import { useMemo } from "react";
import { SvgChart } from "@/components/charts/svg-chart";
import type { TVisibility } from "@/lib/analysis/types";
import { freshnessChart } from "@/lib/charts/svg";

/** P(fresh) against time as the shared SVG chart (loaded on demand with the chart code). */
export default function FreshnessChart({ tv, width, height }: { tv: TVisibility; width: number; height: number }) {
  const svg = useMemo(() => freshnessChart(tv.points, { title: "P(a read sees the write) vs time", width: Math.max(width, 280), height }), [tv, width, height]);
  return <SvgChart svg={svg} className="tv-chart" testId="tv-chart" />;
}
