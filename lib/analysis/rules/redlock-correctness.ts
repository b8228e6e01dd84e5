import type { Rule } from "./rule";
import { label } from "./rule";

export const redlockCorrectness: Rule = {
  id: "redlock-correctness",
  severity: "warning",
  description: "A lock on a leaderless store (Redlock-style) depends on timing assumptions.",
  check: ({ model }) =>
    [...model.stores.values()]
      .filter((s) => s.store.purpose === "lock" && s.replication === "leaderless")
      .map((s) => ({
        rule: "redlock-correctness",
        severity: "warning",
        target: s.id,
        message: `${label(s.store.name, s.id)} is a lock on independent leaderless nodes (Redlock): safety depends on bounded clock drift and process pauses, and it offers no fencing tokens. Use a consensus store (etcd, ZooKeeper) for locks that protect correctness.`,
      })),
};
