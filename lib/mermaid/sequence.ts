/**
 * One Mermaid `sequenceDiagram` per store: the write path (client → leader or coordinator →
 * replicas, acknowledged at the quorum; learners get the log but are not waited for) and the read
 * path. A LOCAL_QUORUM is answered by the coordinator's region, an EACH_QUORUM by every region.
 */
import { LEADER_MODES, type Design, type QuorumSpec, type Store } from "../design/schema";
import { quorumLabel, quorumSize } from "../design/quorum";
import { label } from "./escape";

const majorityOf = (n: number) => Math.floor(n / 2) + 1;

/** The replicas other than the coordinator whose replies make up `spec` (coordinator first). */
function responders(design: Design, store: Store, front: string, others: string[], spec: QuorumSpec): string[] {
  if (typeof spec === "number") return others.slice(0, Math.max(0, spec - 1));
  const regionOf = new Map((design.nodes ?? []).map((n) => [n.id, n.region]));
  const home = regionOf.get(front);
  const inRegion = (g: string | undefined) => store.replicas.filter((r) => regionOf.get(r) === g);
  const local = others.filter((r) => regionOf.get(r) === home).slice(0, Math.max(0, majorityOf(inRegion(home).length) - 1));
  if (spec === "local-quorum") return local;
  const regions = [...new Set(store.replicas.map((r) => regionOf.get(r)))].filter((g) => g !== home);
  return [...local, ...regions.flatMap((g) => inRegion(g).slice(0, majorityOf(inRegion(g).length)))];
}

/** "quorum reached: 2 of 3", "LOCAL_QUORUM reached: 2 of 3 in dc1", "EACH_QUORUM reached: 4 of 6". */
function reached(design: Design, store: Store, front: string, spec: QuorumSpec, count: number, n: number): string {
  if (spec === "local-quorum") {
    const region = design.nodes?.find((x) => x.id === front)?.region;
    const local = store.replicas.filter((r) => design.nodes?.find((x) => x.id === r)?.region === region).length;
    const name = design.regions?.find((g) => g.id === region)?.name ?? region ?? "";
    return `LOCAL_QUORUM reached: ${count} of ${local} in ${name}`;
  }
  return `${typeof spec === "number" ? "quorum" : quorumLabel(spec)} reached: ${count} of ${n}`;
}

export function storeSequence(design: Design, store: Store): string {
  const n = store.replicas.length;
  const majority = Math.floor(n / 2) + 1;
  const nodeName = (id: string) => design.nodes?.find((x) => x.id === id)?.name ?? id;
  const hasLeader = LEADER_MODES.includes(store.replication);
  const front = hasLeader ? (store.leader ?? store.replicas[0]) : store.replicas[0];
  const others = store.replicas.filter((r) => r !== front);
  const alias = new Map<string, string>([[front, "P0"], ...others.map((r, i) => [r, `P${i + 1}`] as [string, string])]);
  const writeSpec: QuorumSpec =
    store.replication === "consensus" ? majority : store.replication === "leaderless" ? (store.writeQuorum ?? majority) : store.replication === "primary-sync" ? (store.writeQuorum ?? n) : 1;
  const readSpec: QuorumSpec = store.replication === "leaderless" ? (store.readQuorum ?? majority) : store.replication === "consensus" && store.readMode !== "follower" ? majority : 1;
  const w = quorumSize(design, store, writeSpec);
  const r = quorumSize(design, store, readSpec);
  const learners = store.replication === "consensus" ? (store.learners ?? []).filter((l) => l !== front && !store.replicas.includes(l)) : [];
  learners.forEach((l, i) => alias.set(l, `L${i + 1}`));
  const role = hasLeader ? "leader" : store.replication === "leaderless" ? "coordinator" : "local replica";
  const async = store.replication === "primary-async" || store.replication === "multi-leader" || store.replication === "crdt";

  const lines = ["sequenceDiagram", "  autonumber", "  participant C as Client"];
  lines.push(`  participant P0 as ${label(`${nodeName(front)} (${role})`)}`);
  for (const o of others) lines.push(`  participant ${alias.get(o)} as ${label(nodeName(o))}`);
  for (const l of learners) lines.push(`  participant ${alias.get(l)} as ${label(`${nodeName(l)} (learner, non-voting)`)}`);

  lines.push(`  Note over C,P0: ${label(`${store.name}: write path (${store.replication})`)}`);
  lines.push("  C->>P0: write");
  if (async) {
    lines.push(`  P0-->>C: ${label("ack (1 replica holds it)")}`);
    for (const o of others) lines.push(`  P0-)${alias.get(o)}: ${label("replicate later (async)")}`);
  } else {
    for (const o of others) lines.push(`  P0->>${alias.get(o)}: ${label(store.replication === "consensus" ? "append entry" : "replicate")}`);
    // Learners get the log too, but nobody waits for them: an open arrow, no ack.
    for (const l of learners) lines.push(`  P0-)${alias.get(l)}: ${label("append entry (learner, not waited for)")}`);
    for (const o of responders(design, store, front, others, writeSpec)) lines.push(`  ${alias.get(o)}-->>P0: ack`);
    lines.push(`  Note over P0: ${label(`${reached(design, store, front, writeSpec, w, n)} hold the write${learners.length ? " (learners do not count)" : ""}`)}`);
    lines.push("  P0-->>C: ack");
  }

  lines.push(`  Note over C,P0: ${label(`${store.name}: read path`)}`);
  if (hasLeader && store.readMode !== "follower") {
    lines.push("  C->>P0: read");
    if (store.replication === "consensus" && store.readMode !== "lease") {
      for (const o of others.slice(0, majority - 1)) {
        lines.push(`  P0->>${alias.get(o)}: ${label("confirm leadership (read index)")}`);
        lines.push(`  ${alias.get(o)}-->>P0: ok`);
      }
    }
    lines.push(`  P0-->>C: ${label("value (linearizable)")}`);
  } else if (store.replication === "leaderless" && r > 1) {
    lines.push("  C->>P0: read");
    for (const o of responders(design, store, front, others, readSpec)) {
      lines.push(`  P0->>${alias.get(o)}: read`);
      lines.push(`  ${alias.get(o)}-->>P0: ${label("value + version")}`);
    }
    lines.push(`  P0-->>C: ${label(`newest of ${r} replies${typeof readSpec === "string" ? ` (${quorumLabel(readSpec)})` : ""}`)}`);
  } else {
    const nearest = others[0] ? alias.get(others[0])! : "P0";
    lines.push(`  C->>${nearest}: read`);
    lines.push(`  ${nearest}-->>C: ${label("local value (may be stale)")}`);
  }
  return `${lines.join("\n")}\n`;
}
