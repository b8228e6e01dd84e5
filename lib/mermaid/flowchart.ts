/**
 * Design + analysis → Mermaid `flowchart` text: regions as subgraphs with zones nested inside,
 * nodes shaped by kind, replication edges labelled, the leader marked, learners (non-voting
 * replicas) on dotted links, status classes from the findings. Same design → byte-identical text.
 */
import type { Analysis } from "../analysis/index";
import { regionLabel } from "../design/names";
import { quorumLabel } from "../design/quorum";
import { drawnKind, LEADER_MODES, type Design, type NodeKind } from "../design/schema";
import { label, mermaidId } from "./escape";

const SHAPES: Record<NodeKind, [string, string]> = {
  database: ['[("', '")]'], // cylinder
  cache: ['[["', '"]]'], // subroutine
  lock: ['{{"', '"}}'], // hexagon
  broker: ['>"', '"]'], // flag: a queue
  service: ['("', '")'], // rounded
  "load-balancer": ['[/"', '"\\]'], // trapezoid
};

const KIND_WORD: Record<NodeKind, string> = { database: "db", cache: "cache", lock: "lock", broker: "queue", service: "service", "load-balancer": "LB" };

/** Fill, stroke and text of nodes with errors and warnings, on a light page and on a dark one. */
const SEVERITY_STYLES = {
  light: { error: "fill:#fff0f0,stroke:#c92a2a,stroke-width:2px,color:#1c2230", warning: "fill:#fff4e0,stroke:#b35c00,stroke-width:2px,color:#1c2230" },
  dark: { error: "fill:#3a1d1f,stroke:#ff8787,stroke-width:2px,color:#e6e9ef", warning: "fill:#3a2c14,stroke:#ffc078,stroke-width:2px,color:#e6e9ef" },
} as const;

/** `scheme`: the page it is shown on (the studio's dark theme); files and exports use "light". */
export function flowchart(design: Design, analysis?: Analysis | null, scheme: keyof typeof SEVERITY_STYLES = "light"): string {
  const taken = new Set<string>();
  const regionIds = new Map((design.regions ?? []).map((r) => [r.id, mermaidId("r", r.id, taken)]));
  const nodeIds = new Map((design.nodes ?? []).map((n) => [n.id, mermaidId("n", n.id, taken)]));
  const leaders = new Map<string, string[]>();
  for (const s of design.stores ?? []) {
    if (!LEADER_MODES.includes(s.replication)) continue;
    const leader = s.leader ?? s.replicas[0];
    leaders.set(leader, [...(leaders.get(leader) ?? []), s.name]);
  }

  const lines = ["flowchart LR"];
  const nodeLine = (indent: string, nodeId: string) => {
    const node = design.nodes!.find((n) => n.id === nodeId)!;
    const [open, close] = SHAPES[drawnKind(node.kind)];
    const lead = leaders.get(node.id);
    const text = `${node.name}${lead ? " ★ leader" : ""} · ${(KIND_WORD as Record<string, string | undefined>)[node.kind] ?? node.kind}`;
    lines.push(`${indent}${nodeIds.get(node.id)}${open}${label(text)}${close}`);
  };

  for (const region of design.regions ?? []) {
    lines.push(`  subgraph ${regionIds.get(region.id)}["${label(regionLabel(design, region))}"]`);
    lines.push("    direction TB");
    const inRegion = (design.nodes ?? []).filter((n) => n.region === region.id);
    for (const zone of region.zones ?? []) {
      const members = inRegion.filter((n) => n.zone === zone);
      if (members.length === 0) continue;
      lines.push(`    subgraph ${mermaidId("z", `${region.id}_${zone}`, taken)}["${label(`zone ${zone}`)}"]`);
      for (const n of members) nodeLine("      ", n.id);
      lines.push("    end");
    }
    for (const n of inRegion.filter((n) => !(n.zone !== undefined && region.zones?.includes(n.zone)))) nodeLine("    ", n.id);
    lines.push("  end");
  }

  for (const store of design.stores ?? []) {
    const n = store.replicas.length;
    const majority = Math.floor(n / 2) + 1;
    const id = (r: string) => nodeIds.get(r)!;
    if (LEADER_MODES.includes(store.replication)) {
      const leader = store.leader ?? store.replicas[0];
      const kind =
        store.replication === "consensus"
          ? `${store.protocol ?? "consensus"} · quorum ${majority} of ${n}`
          : store.replication === "primary-sync"
            ? `sync · W ${store.writeQuorum ?? n} of ${n}`
            : "async";
      for (const r of store.replicas.filter((r) => r !== leader)) {
        const arrow = store.replication === "primary-async" ? "-.->" : "==>";
        lines.push(`  ${id(leader)} ${arrow}|"${label(`${store.name}: ${kind}`)}"| ${id(r)}`);
      }
      if (store.replication === "consensus") {
        for (const l of (store.learners ?? []).filter((l) => nodeIds.has(l))) lines.push(`  ${id(leader)} -.->|"${label(`${store.name}: learner (non-voting)`)}"| ${id(l)}`);
      }
    } else if (n > 1) {
      const text =
        store.replication === "leaderless"
          ? `${store.name}: quorum W ${quorumLabel(store.writeQuorum ?? majority)} / R ${quorumLabel(store.readQuorum ?? majority)} of ${n}`
          : `${store.name}: ${store.replication}, async`;
      const arrow = store.replication === "leaderless" ? "<-->" : "<-.->";
      for (let i = 0; i < n; i++) {
        if (n === 2 && i === 1) break;
        lines.push(`  ${id(store.replicas[i])} ${arrow}|"${label(text)}"| ${id(store.replicas[(i + 1) % n])}`);
      }
    }
  }

  // Status classes from the findings (a node takes the worst of its own and its stores').
  if (analysis) {
    const worst = new Map<string, "error" | "warning">();
    const mark = (nodeId: string, severity: "error" | "warning") => {
      if (worst.get(nodeId) !== "error") worst.set(nodeId, severity);
    };
    const opStore = new Map((design.operations ?? []).map((o) => [o.id, o.store]));
    for (const f of analysis.findings) {
      if (f.severity === "info") continue;
      const storeId = opStore.get(f.target) ?? f.target;
      const store = design.stores?.find((s) => s.id === storeId);
      if (store) [...store.replicas, ...(store.replication === "consensus" ? (store.learners ?? []) : [])].forEach((r) => mark(r, f.severity as "error" | "warning"));
      else if (nodeIds.has(f.target)) mark(f.target, f.severity as "error" | "warning");
    }
    lines.push(`  classDef error ${SEVERITY_STYLES[scheme].error}`);
    lines.push(`  classDef warning ${SEVERITY_STYLES[scheme].warning}`);
    for (const severity of ["error", "warning"] as const) {
      const ids = (design.nodes ?? []).filter((n) => worst.get(n.id) === severity).map((n) => nodeIds.get(n.id));
      if (ids.length) lines.push(`  class ${ids.join(",")} ${severity}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
