import { label, type Rule } from "./rule";

/** A leaderless lock has no single counter, so it cannot issue monotonic fencing tokens (Kleppmann 2016). */
export const fencingUnsupported: Rule = {
  id: "fencing-unsupported",
  severity: "error",
  about: "store",
  description: "Fencing is switched on for a leaderless lock, which cannot issue monotonic fencing tokens.",
  check: ({ model }) =>
    [...model.stores.values()]
      .filter((s) => s.store.purpose === "lock" && s.replication === "leaderless" && s.store.fencing === true)
      .map((s) => ({
        rule: "fencing-unsupported",
        severity: "error" as const,
        target: s.id,
        message: `${label(s.store.name)} claims fencing tokens, but a lock on independent leaderless nodes (Redlock) has no counter that can issue monotonically increasing tokens: the random value Redlock hands out cannot be ordered (Kleppmann 2016). Untick “Fencing tokens” and move correctness locks to a consensus store (etcd's revision, ZooKeeper's zxid).`,
      })),
};
