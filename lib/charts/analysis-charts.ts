/**
 * The analysis's charts, from an Analysis to SVG text: the same charts in the studio and in the
 * exported documents (lib/export). Pure.
 */
import type { Analysis } from "../analysis/index";
import { availabilityChart, freshnessChart, latencyChart, type ChartOptions } from "./svg";

export interface AnalysisChart {
  /** File name under charts/ in the export, and a stable key in the studio. */
  file: string;
  title: string;
  svg: string;
}

/** Latency and availability per operation against their SLOs; P(fresh) over time for each read PBS applies to. */
export function analysisCharts(a: Analysis, options: Omit<ChartOptions, "title"> = {}): AnalysisChart[] {
  if (a.operations.length === 0) return [];
  const charts: AnalysisChart[] = [];
  const latencyTitle = "Latency per operation against its SLO";
  charts.push({
    file: "latency.svg",
    title: latencyTitle,
    svg: latencyChart(a.operations.map((o) => ({ name: o.name, value: o.latencyMs, target: o.latencySloMs })), { ...options, title: latencyTitle }),
  });
  const availabilityTitle = "Availability per operation (nines) against its SLO";
  charts.push({
    file: "availability.svg",
    title: availabilityTitle,
    svg: availabilityChart(a.operations.map((o) => ({ name: o.name, value: o.availability, target: o.availabilitySlo })), { ...options, title: availabilityTitle }),
  });
  for (const o of a.operations) {
    if (!o.tVisibility) continue;
    const title = `${o.name}: probability a read sees the latest write, over time (PBS)`;
    charts.push({ file: `freshness-${o.id}.svg`, title, svg: freshnessChart(o.tVisibility.points, { ...options, title }) });
  }
  return charts;
}
