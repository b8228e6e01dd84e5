"use client";

import { SvgChart } from "@/components/charts/svg-chart";
import type { Analysis } from "@/lib/analysis/index";
import { analysisCharts } from "@/lib/charts/analysis-charts";

const MAX_CHARTED = 60;

/** Latency and availability per operation against their SLOs (the export has the same charts). */
export default function SloCharts({ analysis }: { analysis: Analysis }) {
  if (analysis.operations.length > MAX_CHARTED) {
    return (
      <section aria-label="Charts" className="analysis-charts">
        <h3>Against the SLOs</h3>
        <p className="muted">Charts show up to {MAX_CHARTED} operations; this design has {analysis.operations.length}. The exported documents chart them all.</p>
      </section>
    );
  }
  const charts = analysisCharts(analysis, { width: 560 }).filter((c) => !c.file.startsWith("freshness-"));
  if (charts.length === 0) return null;
  return (
    <section aria-label="Charts" className="analysis-charts">
      <h3>Against the SLOs</h3>
      {charts.map((c) => (
        <figure key={c.file} className="analysis-chart">
          <figcaption>{c.title}</figcaption>
          <SvgChart svg={c.svg} testId={`chart-${c.file.replace(".svg", "")}`} />
        </figure>
      ))}
    </section>
  );
}
