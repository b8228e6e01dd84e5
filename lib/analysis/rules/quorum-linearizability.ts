import type { Rule } from "./rule";
import { label } from "./rule";

export const quorumLinearizability: Rule = {
  id: "quorum-linearizability",
  severity: "warning",
  description: "Quorum intersection (R + W > n) alone is not linearizability on a leaderless store.",
  check: ({ operations, model }) =>
    operations
      .filter((o) => o.requiredConsistency === "linearizable" && model.stores.get(o.store)!.replication === "leaderless" && o.providedConsistency === "linearizable")
      .map((o) => ({
        rule: "quorum-linearizability",
        severity: "warning",
        target: o.id,
        message: `${label(o.name, o.id)} relies on R + W > n for linearizability; that holds only with strict (non-sloppy) quorums and synchronous read repair — configure both, or use a consensus store.`,
      })),
};
