import { requiresMoreThanEventual, type Rule } from "./rule";
import { label } from "./rule";

/**
 * Every lock and every primary/replica store that can fail over needs fencing tokens; consensus
 * data stores are fenced by their terms. An efficiency lock (every operation eventual at most)
 * needs none (Kleppmann 2016).
 */
export const lockWithoutFencing: Rule = {
  id: "lock-without-fencing",
  severity: "error",
  about: "store",
  description: "A lock, or a primary that can fail over, without fencing tokens lets a paused ex-holder corrupt data.",
  check: ({ model, operations }) =>
    [...model.stores.values()].flatMap((s) => {
      if (s.store.fencing === true) return [];
      const purpose = s.store.purpose ?? "data";
      const lock = purpose === "lock" || purpose === "coordination";
      const failover = (s.replication === "primary-sync" || s.replication === "primary-async") && s.n >= 2;
      if (!lock && !failover) return [];
      const ops = operations.filter((o) => o.store === s.id);
      if (purpose === "lock" && ops.length > 0 && !ops.some((o) => requiresMoreThanEventual(o.requiredConsistency))) return [];
      const what = lock ? (purpose === "lock" ? "grants locks" : "coordinates leaders") : "fails over to a replica";
      const fix =
        s.replication === "leaderless"
          ? "A leaderless lock cannot issue fencing tokens at all: move correctness locks to etcd or ZooKeeper (their revision / zxid is the token), or mark every operation on it as eventual if it only saves duplicate work."
          : "Issue a monotonically increasing token with each grant/term and have the protected resource reject older tokens (tick “Fencing tokens” on the store; \"fencing\": true in the file).";
      return [
        {
          rule: "lock-without-fencing",
          severity: "error" as const,
          target: s.id,
          message: `${label(s.store.name)} ${what} without fencing tokens: a holder paused by GC or cut off by a partition can act after losing it (Kleppmann 2016). ${fix}`,
        },
      ];
    }),
};
