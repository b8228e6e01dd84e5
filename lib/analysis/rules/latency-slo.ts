import type { ConsistencyLevel } from "../../design/schema";
import { atLeastAsStrong, rank } from "../consistency";
import { fmt } from "../math";
import { regionRtt, type Model, type ResolvedOperation } from "../model";
import type { OperationAnalysis } from "../types";
import type { Rule } from "./rule";
import { label, regionName } from "./rule";

/** What a read gives when it stops waiting for the leader or a quorum (sessionGuarantees raise it to session). */
function weakLevel(rop: ResolvedOperation, base: ConsistencyLevel): ConsistencyLevel {
  return rop.store.store.sessionGuarantees === true && rank(base) > rank("session") ? "session" : base;
}

/**
 * Faster ways to read that the operation's own requirement allows, best first. A consensus read
 * at quorum gets lease reads first: the leader (leaseholder) answers alone and the read stays
 * linearizable (Raft §6.4, CockroachDB leaseholder reads). Weaker modes (follower reads, smaller
 * read quorums) only when the level they give still meets the requirement.
 */
function readAdvice(model: Model, rop: ResolvedOperation, o: OperationAnalysis): string[] {
  if (rop.op.type !== "read") return [];
  const s = rop.store;
  const out: string[] = [];
  const followerLevel = weakLevel(rop, s.store.maxStalenessMs !== undefined ? "bounded-staleness" : "consistent-prefix");
  const follower = `read from a nearby follower (follower reads give ${followerLevel}, which its ${o.requiredConsistency} requirement allows)`;
  if (s.replication === "consensus") {
    if (rop.readMode === "quorum") {
      const lease = rop.clientRegion && s.leader ? regionRtt(model, rop.clientRegion, model.nodes.get(s.leader)!.region) : null;
      out.push(`use lease reads: the leader answers from its lease without a quorum round trip, and the read stays linearizable${lease === null ? "" : ` (about ${fmt(lease)} ms)`}`);
    }
    if (rop.readMode !== "follower" && atLeastAsStrong(followerLevel, o.requiredConsistency)) out.push(follower);
  } else if ((s.replication === "primary-sync" || s.replication === "primary-async") && rop.readMode === "leader") {
    if (atLeastAsStrong(followerLevel, o.requiredConsistency)) out.push(follower);
  } else if (s.replication === "leaderless" && !(typeof rop.spec === "number" && rop.spec <= 1)) {
    const level = weakLevel(rop, "eventual");
    if (atLeastAsStrong(level, o.requiredConsistency)) out.push(`read from fewer replicas (a smaller read quorum gives ${level}, which its ${o.requiredConsistency} requirement allows)`);
  }
  return out;
}

/** “a, b, or c” */
function either(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")}, or ${items[items.length - 1]}`;
}

export const latencySlo: Rule = {
  id: "latency-slo",
  severity: "error",
  about: "operation",
  description: "An operation's estimated latency is above its latency SLO.",
  check: ({ operations, model }) => {
    const late = operations.filter((o) => o.latencySloMs !== null && o.latencyMs !== null && o.latencyMs > o.latencySloMs);
    if (late.length === 0) return [];
    const resolved = new Map(model.operations.map((r) => [r.op.id, r]));
    return late.map((o) => {
      const rop = resolved.get(o.id)!;
      const where = o.clientRegion ? regionName(model, o.clientRegion) : "the callers";
      const move = rop.store.leader ? `move the leader or replicas closer to ${where}` : `move replicas closer to ${where}`;
      const reads = readAdvice(model, rop, o);
      // Lease reads keep the requirement and cut a round trip: the first thing to try.
      const lease = reads.filter((r) => r.startsWith("use lease reads"));
      const weaker = reads.filter((r) => !r.startsWith("use lease reads"));
      return {
        rule: "latency-slo",
        severity: "error" as const,
        target: o.id,
        message: `${label(o.name)} takes about ${fmt(o.latencyMs)} ms, over its ${fmt(o.latencySloMs)} ms SLO: ${either([...lease, move, ...weaker, "relax the SLO"])}.`,
      };
    });
  },
};
