import { label, names, requiresMoreThanEventual, type Rule } from "./rule";

/** Kleppmann 2016, “How to do distributed locking”: Redlock is not safe for correctness locks. */
export const redlockCorrectness: Rule = {
  id: "redlock-correctness",
  severity: "error",
  about: "store",
  description: "A lock on a leaderless store (Redlock-style) depends on timing assumptions and cannot fence.",
  check: ({ model, operations }) =>
    [...model.stores.values()]
      .filter((s) => s.store.purpose === "lock" && s.replication === "leaderless")
      .map((s) => {
        const strict = operations.filter((o) => o.store === s.id && requiresMoreThanEventual(o.requiredConsistency));
        return strict.length
          ? {
              rule: "redlock-correctness",
              severity: "error" as const,
              target: s.id,
              message: `${label(s.store.name)} is a lock on independent leaderless nodes (Redlock), and ${names(strict)} require${strict.length === 1 ? "s" : ""} ${strict[0].requiredConsistency}: its safety depends on bounded network delay, process pauses and clock drift, and it has no counter for fencing tokens (Kleppmann 2016). Use a consensus lock service (etcd, ZooKeeper) for locks that protect correctness.`,
            }
          : {
              rule: "redlock-correctness",
              severity: "warning" as const,
              target: s.id,
              message: `${label(s.store.name)} is a Redlock-style lock used for efficiency only (every operation eventual at most): that is safe, but a single Redis node is simpler and as good for avoiding duplicate work (Kleppmann 2016).`,
            };
      }),
};
