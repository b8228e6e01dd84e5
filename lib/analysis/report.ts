/** Plain-text renderings of an analysis and a simulation (the CLI's readable output). */
import { findingLabel, regionLabel } from "../design/names";
import { quorumLabel } from "../design/quorum";
import type { Design } from "../design/schema";
import type { Analysis } from "./index";
import { fmt } from "./math";
import type { Simulation } from "./simulate";

const pct = (x: number) => `${Number((x * 100).toFixed(x > 0.9999 ? 6 : 4))} %`;
const ms = (x: number | null) => (x === null ? "?" : x < 10 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`);
const yesNo = (x: boolean | null) => (x === null ? "–" : x ? "✔" : "✖");

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows.map((r) => r.map((cell, c) => cell + " ".repeat(widths[c] - [...cell].length)).join("  ").trimEnd());
}

export function formatAnalysis(design: Design, a: Analysis): string {
  const lines: string[] = [];
  lines.push(`${design.name}`);
  lines.push(`Verdict: ${a.verdict === "SOUND" ? "SOUND" : "NEEDS REVISION"} (${a.counts.errors} error${a.counts.errors === 1 ? "" : "s"}, ${a.counts.warnings} warning${a.counts.warnings === 1 ? "" : "s"})`);
  lines.push(`Escalation level ${a.escalationLevel}: ${a.escalation.title} — ${a.escalation.meaning}`);
  if (a.stores.length) {
    lines.push("", "Stores");
    lines.push(
      ...table([
        ["  store", "replication", "n", "maj", "R", "W", "tolerates w/r", "strong reads", "stale p", "PACELC"],
        ...a.stores.map((s) => [`  ${s.name}`, s.replication, String(s.n), String(s.majority), quorumLabel(s.readQuorum), quorumLabel(s.writeQuorum), `${s.toleratedWriteFailures}/${s.toleratedReadFailures}`, s.strongReads ? "yes" : "no", s.staleReadProbability === null ? "?" : fmt(s.staleReadProbability), s.pacelc ?? "–"]),
      ]),
    );
  }
  if (a.operations.length) {
    lines.push("", "Operations");
    lines.push(
      ...table([
        ["  operation", "type", "cap", "required → provided", "latency", "SLO", "failover", "availability", "nodes", "zone", "region", "stale p", "p99.9 fresh", "durable"],
        ...a.operations.map((o) => [
          `  ${o.name}`,
          o.type,
          o.cap ?? "?",
          `${o.requiredConsistency} → ${o.providedConsistency ?? "?"} ${o.satisfied === null ? "?" : o.satisfied ? "✔" : "✖"}`,
          ms(o.latencyMs),
          o.latencySloMs === null ? "–" : ms(o.latencySloMs),
          o.leaderFailoverMs ? ms(o.leaderFailoverMs) : "–",
          o.availability === null ? "?" : pct(o.availability),
          o.survivesNodeFailures === null ? "?" : String(o.survivesNodeFailures),
          yesNo(o.survivesZoneLoss),
          yesNo(o.survivesRegionLoss),
          o.staleReadProbability === null ? "–" : fmt(o.staleReadProbability),
          o.tVisibility === null ? "–" : o.tVisibilityP999Ms === null ? ">1 s" : ms(o.tVisibilityP999Ms),
          o.durableAgainstFailures === null ? "–" : String(o.durableAgainstFailures),
        ]),
      ]),
    );
  }
  lines.push("", "Findings");
  if (a.findings.length === 0) lines.push("  none");
  // Named as people name them ("lock-without-fencing on Ledger"); the id is in --json.
  for (const f of a.findings) lines.push(`  ${f.severity === "error" ? "✖ error  " : f.severity === "warning" ? "▲ warning" : "ℹ info   "} ${findingLabel(design, f)}: ${f.message}`);
  lines.push("", "Checklist");
  for (const c of a.checklist) lines.push(`  ${c.status}  ${c.title} — ${c.reason}`);
  const r = a.recommendations;
  if (r.consensus.length || r.locks.length || r.conflictResolution.length) {
    lines.push("", "Recommendations");
    const storeName = (id: string) => a.stores.find((s) => s.id === id)?.name ?? id;
    for (const c of r.consensus) lines.push(`  consensus for ${storeName(c.store)}: ${c.choice} — ${c.reasons[0]}`);
    for (const l of r.locks) lines.push(`  lock service for ${storeName(l.store)}: ${l.choice} — ${l.reasons[0]}`);
    for (const c of r.conflictResolution) lines.push(`  conflict resolution for ${storeName(c.store)}: ${c.choice}`);
  }
  return `${lines.join("\n")}\n`;
}

export function formatSimulation(design: Design, sim: Simulation): string {
  const names = new Map((design.operations ?? []).map((o) => [o.id, o.name]));
  const nodeNames = new Map((design.nodes ?? []).map((n) => [n.id, n.name]));
  const regionNames = new Map((design.regions ?? []).map((r) => [r.id, regionLabel(design, r)]));
  const lines = [
    `${design.name} — ${sim.counts.available} available, ${sim.counts.unavailable} unavailable, ${sim.counts.diverging} diverging`,
    `Down: ${sim.downNodes.length ? sim.downNodes.map((id) => nodeNames.get(id) ?? id).join(", ") : "nothing"}${sim.sides.length > 1 ? `; sides: ${sim.sides.map((s) => s.map((id) => regionNames.get(id) ?? id).join(", ")).join(" / ")}` : ""}`,
    "",
    ...table([
      ["  operation", "status", "latency", "why"],
      ...sim.operations.map((o) => [`  ${names.get(o.id) ?? o.id}`, o.available ? (o.diverging ? "DIVERGING" : "available") : "UNAVAILABLE", o.available ? ms(o.latencyMs) : "–", o.reason]),
    ]),
  ];
  return `${lines.join("\n")}\n`;
}
