/** The escalation ladder, level 0–5 (analysis-model.md, "Escalation ladder"). */
import type { Design } from "../design/schema";
import type { Explanation } from "./types";

export interface LadderStep {
  level: number;
  title: string;
  meaning: string;
}

/** What each level means and what it asks of the design. */
export const LADDER: readonly LadderStep[] = [
  { level: 0, title: "Single node", meaning: "One node is enough: no replication, no distributed-systems machinery. Back it up and stop here." },
  { level: 1, title: "Stateless scale-out", meaning: "Several nodes but no shared state: replicate compute behind a load balancer; state lives elsewhere." },
  { level: 2, title: "Presence / soft state", meaning: "Shared state that may be stale and is only presence-like (who is online, heartbeats): gossip or TTL'd entries, no consensus." },
  { level: 3, title: "Strongly consistent shared state", meaning: "Operations need linearizable or bounded-staleness reads: a consensus protocol (Raft, Multi-Paxos, ZAB) or a synchronous primary on the critical path, with fencing." },
  { level: 4, title: "Eventually consistent shared state", meaning: "Shared state where eventual consistency is acceptable: asynchronous or leaderless replication with an explicit conflict-resolution strategy (CRDTs, LWW, vector clocks)." },
  { level: 5, title: "Large cluster", meaning: "More than 50 nodes: shard the data, run consensus per shard, use gossip for membership and failure detection." },
];

export function escalationLevel(design: Design): { level: number; explain: Explanation } {
  const ctx = design.context ?? {};
  const nodes = design.nodes?.length ?? 0;
  const clusterSize = ctx.clusterSize ?? nodes;
  const singleNode = ctx.singleNodeSufficient ?? nodes <= 1;
  const sharedState = ctx.sharedState ?? (design.stores ?? []).some((s) => s.replicas.length >= 2);
  const eventualOk = ctx.eventualOk ?? !(design.operations ?? []).some((o) => o.consistency === "linearizable" || o.consistency === "bounded-staleness");
  const presenceOnly = ctx.presenceOnly ?? false;
  let level: number;
  let why: string;
  if (clusterSize > 50) {
    level = 5;
    why = `clusterSize ${clusterSize} > 50`;
  } else if (singleNode) {
    level = 0;
    why = ctx.singleNodeSufficient === undefined ? `singleNodeSufficient defaults to true (${nodes} node${nodes === 1 ? "" : "s"})` : "singleNodeSufficient is true";
  } else if (!sharedState) {
    level = 1;
    why = ctx.sharedState === undefined ? "no store has 2 or more replicas (sharedState defaults to false)" : "sharedState is false";
  } else if (eventualOk) {
    level = presenceOnly ? 2 : 4;
    why = `${ctx.eventualOk === undefined ? "no operation requires linearizable or bounded-staleness" : "eventualOk is true"}, presenceOnly is ${presenceOnly}`;
  } else {
    level = 3;
    why = ctx.eventualOk === undefined ? "an operation requires linearizable or bounded-staleness" : "eventualOk is false";
  }
  return {
    level,
    explain: {
      formula: "clusterSize > 50: 5; else singleNodeSufficient: 0; else not sharedState: 1; else eventualOk: presenceOnly ? 2 : 4; else 3",
      inputs: { clusterSize, singleNodeSufficient: singleNode, sharedState, eventualOk, presenceOnly },
      text: `escalationLevel = ${level} — ${LADDER[level].title} (${why})`,
      section: "Escalation ladder",
    },
  };
}
