/** The seed's validation table, row by row, with the reason for each PASS/FAIL. */
import type { ResolvedStore } from "./model";
import type { Recommendations } from "./recommendations";
import type { RuleContext } from "./rules/rule";
import type { ChecklistRow, Finding } from "./types";

const row = (id: string, title: string, pass: boolean, reason: string): ChecklistRow => ({ id, title, status: pass ? "PASS" : "FAIL", reason });
/** Elements as a reader knows them: by name (the checklist is read by people; ids are in the JSON). */
const ids = (items: readonly ({ name: string } | { store: { name: string } })[]) => items.map((i) => ("name" in i ? i.name : i.store.name)).join(", ");

/** Redlock cannot fence at all: say so instead of "enable fencing" (Kleppmann 2016). */
function fencingAdvice(stores: readonly ResolvedStore[]): string {
  const leaderless = stores.filter((s) => s.replication === "leaderless");
  const others = stores.filter((s) => s.replication !== "leaderless");
  const parts: string[] = [];
  if (others.length) parts.push(`Enable fencing on ${others.map((s) => s.store.name).join(", ")}.`);
  if (leaderless.length) parts.push(`Move ${leaderless.map((s) => s.store.name).join(", ")} to a consensus lock service (etcd, ZooKeeper): a Redlock-style lock cannot issue fencing tokens.`);
  return parts.join(" ");
}

export function buildChecklist(ctx: RuleContext, findings: readonly Finding[], recommendations: Recommendations): ChecklistRow[] {
  const { model, stores, operations } = ctx;
  const design = model.design;
  const byRule = (rule: string) => findings.filter((f) => f.rule === rule);
  const storeName = (id: string) => model.stores.get(id)?.store.name ?? id;
  const targets = (rule: string) => byRule(rule).map((f) => storeName(f.target)).join(", ");
  const unused = stores.filter((s) => s.pacelc === null);
  const partitionTolerance = design.context?.partitionTolerance;

  const consensusStores = [...model.stores.values()].filter((s) => s.replication === "consensus");
  const noProtocol = consensusStores.filter((s) => !s.store.protocol);
  const needConsensus = recommendations.consensus.map((c) => c.store);
  const weakCoordination = [...model.stores.values()].filter((s) => (s.store.purpose === "lock" || s.store.purpose === "coordination") && s.replication !== "consensus");

  const strongLeaderless = stores.filter((s) => {
    if (s.replication !== "leaderless") return false;
    const strong = operations.some((o) => o.store === s.id && (o.requiredConsistency === "linearizable" || o.requiredConsistency === "bounded-staleness"));
    return strong && (!s.strongReads || (typeof s.writeQuorum === "number" && s.writeQuorum < s.majority));
  });

  return [
    row(
      "cap-tradeoffs",
      "CAP trade-offs documented",
      partitionTolerance !== undefined && stores.length > 0 && unused.length === 0,
      partitionTolerance === undefined
        ? "Say whether the system must handle network partitions: set “Partitions” in the system context (must handle, or single datacenter)."
        : stores.length === 0
          ? "No stores yet: add a store and its operations."
          : unused.length
            ? `No operation uses ${ids(unused)}, so its CAP/PACELC position is unknown.`
            : `Partitions: ${partitionTolerance === "must-handle" ? "must be handled" : "single datacenter"}; every store has a PACELC position (${stores.map((s) => `${s.name} ${s.pacelc}`).join(", ")}).`,
    ),
    row(
      "consistency-per-operation",
      "Consistency defined per operation",
      operations.length > 0 && unused.length === 0,
      operations.length === 0 ? "List the operations the system performs and the consistency each needs." : unused.length ? `Stores without operations: ${ids(unused)}.` : `${operations.length} operation${operations.length === 1 ? "" : "s"}, each with a required level.`,
    ),
    row(
      "consensus-protocol",
      "Consensus protocol selected and justified",
      noProtocol.length === 0 && weakCoordination.length === 0,
      noProtocol.length
        ? `Name the protocol of ${ids(noProtocol)} (recommended: ${recommendations.consensus.filter((c) => noProtocol.some((s) => s.id === c.store)).map((c) => `${storeName(c.store)}: ${c.choice}`).join("; ") || "Raft"}).`
        : weakCoordination.length
          ? `${ids(weakCoordination)} hold${weakCoordination.length === 1 ? "s" : ""} locks or coordination state without consensus.`
          : needConsensus.length
            ? consensusStores.length
              ? `Protocols named for every consensus store; see the recommendation for ${needConsensus.map(storeName).join(", ")}.`
              : `No consensus store; see the recommendation for ${needConsensus.map(storeName).join(", ")}.`
            : consensusStores.length
              ? "Protocols named for every consensus store."
              : "No store needs consensus.",
    ),
    row(
      "partition-handling",
      "Partition handling defined",
      partitionTolerance !== undefined && byRule("single-region-store").length === 0 && stores.length > 0,
      partitionTolerance === undefined
        ? "Say whether partitions must be handled: set “Partitions” in the system context."
        : stores.length === 0
          ? "No stores yet."
          : byRule("single-region-store").length
            ? `Partitions must be handled but ${targets("single-region-store")} live in one region.`
            : `Detection, behaviour during a partition and healing are planned for every store (${recommendations.partitionPlans.map((p) => `${storeName(p.store)}: ${p.during.choice.split(":")[0]}`).join(", ")}).`,
    ),
    row(
      "conflict-resolution",
      "Conflict resolution chosen",
      byRule("conflict-resolution-missing").length === 0,
      byRule("conflict-resolution-missing").length ? `Choose conflict resolution for ${targets("conflict-resolution-missing")}.` : "Every store that accepts concurrent writes says how they merge (or none does).",
    ),
    row(
      "quorum-majority",
      "Quorum ≥ N/2+1",
      strongLeaderless.length === 0,
      strongLeaderless.length
        ? `${ids(strongLeaderless)} serve${strongLeaderless.length === 1 ? "s" : ""} strong operations with W below a majority or R + W ≤ n.`
        : "Consensus stores use majorities; leaderless stores serving strong operations use W ≥ N/2+1 and read quorums that meet every write quorum (R + W > N, or LOCAL_QUORUM/EACH_QUORUM pairs that intersect).",
    ),
    row(
      "fencing",
      "Fencing on leader election and locks",
      byRule("lock-without-fencing").length === 0,
      byRule("lock-without-fencing").length
        ? fencingAdvice(byRule("lock-without-fencing").map((f) => model.stores.get(f.target)!))
        : "Every lock and every primary that can fail over hands out fencing tokens (consensus data stores are fenced by their terms).",
    ),
    row(
      "failure-modes",
      "Failure modes documented",
      operations.length > 0 && byRule("missing-latency").length === 0,
      operations.length === 0
        ? "No operations: nothing to say what a failure does."
        : byRule("missing-latency").length
          ? `Round-trip times missing (${ctx.missingPairs.map((p) => p.replace("|", "–")).join(", ")}): some figures are unknown.`
          : "Node, zone and region failures are computed for every operation.",
    ),
    row(
      "chaos-plan",
      "Chaos test plan present",
      recommendations.chaosPlan.length > 0,
      recommendations.chaosPlan.length ? `${recommendations.chaosPlan.length} experiments covering every failure domain and store.` : "No stores: nothing to test yet.",
    ),
  ];
}
