/**
 * One Mermaid `sequenceDiagram` per store: the write path (client → leader or coordinator →
 * replicas, acknowledged at the quorum) and the read path.
 */
import { LEADER_MODES, type Design, type Store } from "../design/schema";
import { quorumSize } from "../design/quorum";
import { label } from "./escape";

export function storeSequence(design: Design, store: Store): string {
  const n = store.replicas.length;
  const majority = Math.floor(n / 2) + 1;
  const nodeName = (id: string) => design.nodes?.find((x) => x.id === id)?.name ?? id;
  const hasLeader = LEADER_MODES.includes(store.replication);
  const front = hasLeader ? (store.leader ?? store.replicas[0]) : store.replicas[0];
  const others = store.replicas.filter((r) => r !== front);
  const alias = new Map<string, string>([[front, "P0"], ...others.map((r, i) => [r, `P${i + 1}`] as [string, string])]);
  const w =
    store.replication === "consensus" ? majority : store.replication === "leaderless" ? quorumSize(design, store, store.writeQuorum ?? majority) : store.replication === "primary-sync" ? quorumSize(design, store, store.writeQuorum ?? n) : 1;
  const r = store.replication === "leaderless" ? quorumSize(design, store, store.readQuorum ?? majority) : store.replication === "consensus" && store.readMode !== "follower" ? majority : 1;
  const role = hasLeader ? "leader" : store.replication === "leaderless" ? "coordinator" : "local replica";
  const async = store.replication === "primary-async" || store.replication === "multi-leader" || store.replication === "crdt";

  const lines = ["sequenceDiagram", "  autonumber", "  participant C as Client"];
  lines.push(`  participant P0 as ${label(`${nodeName(front)} (${role})`)}`);
  for (const o of others) lines.push(`  participant ${alias.get(o)} as ${label(nodeName(o))}`);

  lines.push(`  Note over C,P0: ${label(`${store.name}: write path (${store.replication})`)}`);
  lines.push("  C->>P0: write");
  if (async) {
    lines.push(`  P0-->>C: ${label("ack (1 replica holds it)")}`);
    for (const o of others) lines.push(`  P0-)${alias.get(o)}: ${label("replicate later (async)")}`);
  } else {
    for (const o of others) lines.push(`  P0->>${alias.get(o)}: ${label(store.replication === "consensus" ? "append entry" : "replicate")}`);
    for (const o of others.slice(0, Math.max(0, w - 1))) lines.push(`  ${alias.get(o)}-->>P0: ack`);
    lines.push(`  Note over P0: ${label(`quorum reached: ${w} of ${n} hold the write`)}`);
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
    for (const o of others.slice(0, r - 1)) {
      lines.push(`  P0->>${alias.get(o)}: read`);
      lines.push(`  ${alias.get(o)}-->>P0: ${label("value + version")}`);
    }
    lines.push(`  P0-->>C: ${label(`newest of ${r} replies`)}`);
  } else {
    const nearest = others[0] ? alias.get(others[0])! : "P0";
    lines.push(`  C->>${nearest}: read`);
    lines.push(`  ${nearest}-->>C: ${label("local value (may be stale)")}`);
  }
  return `${lines.join("\n")}\n`;
}
