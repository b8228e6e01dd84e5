import { label, type Rule } from "./rule";

export const consistencyUnsatisfied: Rule = {
  id: "consistency-unsatisfied",
  severity: "error",
  about: "operation",
  description: "An operation gets weaker consistency than it requires.",
  check: ({ operations, model }) =>
    operations
      .filter((o) => o.satisfied === false)
      .map((o) => {
        const store = model.stores.get(o.store)!;
        let fix: string;
        if (store.replication === "leaderless") {
          if (store.store.purpose === "lock") fix = "a leaderless lock (Redlock) is never linearizable — use a consensus lock service (etcd, ZooKeeper)";
          else if (store.sloppy) fix = "turn sloppy quorums off";
          else if (o.staleReadProbability === 0 && store.readRepair !== "blocking") fix = "set read repair to blocking";
          else if (o.staleReadProbability === 0 || (o.type === "write" && o.explain.providedConsistency.text.includes("writes back")))
            fix = "make the store's write quorum (the read repair's write-back) meet every read, e.g. EACH_QUORUM, or use lightweight transactions (SERIAL) for it";
          else fix = "raise R or W so that every read quorum meets every write quorum (R + W > n), with blocking read repair";
        } else if (store.replication === "multi-leader" || store.replication === "crdt") fix = "move it to a consensus or primary store";
        else if (o.requiredConsistency === "bounded-staleness") fix = "read from the leader (quorum or lease read), or set a max staleness on the store's follower reads";
        else fix = "read from the leader (quorum or lease read) instead of a follower";
        return {
          rule: "consistency-unsatisfied",
          severity: "error" as const,
          target: o.id,
          message: `${label(o.name)} requires ${o.requiredConsistency} but ${label(store.store.name)} provides ${o.providedConsistency}: ${fix}, or lower the requirement.`,
        };
      }),
};
