import { label, type Rule } from "./rule";

export const quorumLinearizability: Rule = {
  id: "quorum-linearizability",
  severity: "warning",
  about: "operation",
  description: "A leaderless store orders concurrent writes by timestamps, which can discard acknowledged writes.",
  check: ({ operations, model }) =>
    operations
      .filter((o) => {
        const s = model.stores.get(o.store)!;
        return o.type === "write" && o.requiredConsistency === "linearizable" && s.replication === "leaderless" && s.store.purpose !== "lock";
      })
      .map((o) => ({
        rule: "quorum-linearizability",
        severity: "warning" as const,
        target: o.id,
        message: `${label(o.name)} requires linearizable writes on a leaderless store: concurrent writers are ordered by timestamps (last-writer-wins), which can silently discard an acknowledged write, and compare-and-set needs consensus — use lightweight transactions (Paxos) for it, or a consensus store (Kleppmann, DDIA ch. 5; Jepsen on Cassandra).`,
      })),
};
