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
  // In the words of the system context's questions (the studio's “Escalation ladder” answers), not its field names.
  const answered = (what: string) => `the system context answers “${what}”`;
  let level: number;
  let why: string;
  if (clusterSize > 50) {
    level = 5;
    why = `the cluster has ${clusterSize} nodes${ctx.clusterSize === undefined ? "" : " (the system context's cluster size)"}, more than 50`;
  } else if (singleNode) {
    level = 0;
    why = ctx.singleNodeSufficient === undefined ? `the design has ${nodes} node${nodes === 1 ? "" : "s"}, so a single node is enough` : `${answered("yes")} to “Would a single node be enough?”`;
  } else if (!sharedState) {
    level = 1;
    why = ctx.sharedState === undefined ? "no store has 2 or more replicas, so the nodes share no state" : `${answered("no")} to “Do nodes share state?”`;
  } else if (eventualOk) {
    level = presenceOnly ? 2 : 4;
    const eventual = ctx.eventualOk === undefined ? "no operation requires linearizable or bounded-staleness" : `${answered("yes")} to “Is eventual consistency acceptable everywhere?”`;
    const presence = presenceOnly ? "the shared state is only presence / soft state" : `the shared state is more than presence / soft state${ctx.presenceOnly === undefined ? " (the default)" : ""}`;
    why = `${eventual}, and ${presence}`;
  } else {
    level = 3;
    why = ctx.eventualOk === undefined ? "an operation requires linearizable or bounded-staleness" : `${answered("no")} to “Is eventual consistency acceptable everywhere?”`;
  }
  return {
    level,
    explain: {
      formula: "more than 50 nodes: 5; else a single node is enough: 0; else no shared state: 1; else eventual consistency acceptable: 2 (presence only) or 4; else 3",
      // Keys as in the file (the JSON output is read by scripts); the "why?" shows them by their labels (labels.ts).
      inputs: { clusterSize, singleNodeSufficient: singleNode, sharedState, eventualOk, presenceOnly },
      text: `Escalation level ${level} (${LADDER[level].title}): ${why}`,
      section: "Escalation ladder",
    },
  };
}
