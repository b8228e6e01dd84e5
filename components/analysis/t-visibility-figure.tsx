"use client";

import dynamic from "next/dynamic";
import type { TVisibility } from "@/lib/analysis/types";
import { formatFresh, formatTVisibility } from "@/lib/client/format";

const CHART_HEIGHT = 170;

/** The chart code loads only when a chart is shown (not in the studio's first bundle). */
const FreshnessChart = dynamic(() => import("./freshness-chart"), {
  ssr: false,
  loading: () => <div className="tv-chart-placeholder" style={{ height: CHART_HEIGHT }} />,
});

/**
 * PBS t-visibility of one read: P(fresh) against the time since the write's acknowledgement, as
 * a chart, with the numbers as its text alternative (in the figure's label and a table on demand).
 * While the worker computes, a placeholder of the chart's size says so (no layout jump).
 */
export function TVisibilityFigure({ tv, p999Ms, pending, width = 290 }: { tv: TVisibility | null; p999Ms: number | null; pending: boolean; width?: number }) {
  if (!tv) {
    return pending ? (
      <div className="tv-figure">
        <div className="tv-chart-placeholder computing" style={{ height: CHART_HEIGHT }} role="status">
          P(fresh) over time: computing…
        </div>
      </div>
    ) : null;
  }
  const described = tv.points.map((p) => `${p.tMs} ms: ${formatFresh(p.pFresh)}`).join(", ");
  return (
    <figure className="tv-figure" aria-label={`P(fresh) t ms after the write's acknowledgement — ${described}`} data-testid="tv-figure">
      <figcaption>
        P(a read sees the write) vs time <span className="muted">({formatTVisibility(p999Ms)}; {tv.trials.toLocaleString("en-US")} trials)</span>
      </figcaption>
      <FreshnessChart tv={tv} width={width} height={CHART_HEIGHT} />
      <p className="muted tv-note">
        Simulated on your topology: each message takes rtt/2 plus random jitter, and the read uses the replicas that answer first —
        usually the nearest. The “stale read” figure above is the closed form for replicas chosen at random with no write in flight, so
        the two differ (Bailis et al., PBS).
      </p>
      <details className="tv-numbers">
        <summary>The numbers</summary>
        <table className="grid" data-testid="tv-table">
          <thead>
            <tr>
              <th scope="col">t after the write</th>
              <th scope="col">P(fresh)</th>
            </tr>
          </thead>
          <tbody>
            {tv.points.map((p) => (
              <tr key={p.tMs}>
                <td>{p.tMs} ms</td>
                <td title={String(p.pFresh)}>{formatFresh(p.pFresh)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
