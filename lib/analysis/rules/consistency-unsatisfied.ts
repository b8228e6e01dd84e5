import { writeBackMissedBy } from "../consistency";
import type { Model } from "../model";
import type { OperationAnalysis } from "../types";
import { label, type Rule } from "./rule";

/**
 * Blocking read repair writes back at the store's write quorum (ABD), whatever quorum the
 * operation itself uses: advise on that write-back, never the setting the operation already has.
 */
function writeBackFix(model: Model, o: OperationAnalysis): string {
  const rop = model.operations.find((r) => r.op.id === o.id)!;
  const store = rop.store;
  const blind = writeBackMissedBy(model, rop);
  const reader = blind ? label(blind.op.name) : "another read";
  const lwt = "or use lightweight transactions (SERIAL) for it";
  // A write at EACH_QUORUM on a store whose write quorum is weaker: say so, or "use EACH_QUORUM" reads as advice it already follows.
  const own = o.type === "write" && o.quorum === "each-quorum" && store.writeQuorum !== "each-quorum" ? `${label(o.name)} already writes at EACH_QUORUM, but ` : "";
  if (store.writeQuorum === "each-quorum") return `${own}read repair writes back at the store's write quorum, EACH_QUORUM, which ${reader} can miss: raise that read's quorum so it meets EACH_QUORUM, ${lwt}`;
  if (store.writeQuorum === "local-quorum") return `${own}read repair writes back at the store's write quorum, LOCAL_QUORUM, which ${reader} in another region can miss: set the store's write quorum to EACH_QUORUM, ${lwt}`;
  return `${own}read repair writes back at the store's write quorum, W = ${store.writeQuorum}, which ${reader} can miss: raise the store's write quorum until R + W > n for that read, ${lwt}`;
}

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
          else if (o.staleReadProbability === 0 || (o.type === "write" && o.explain.providedConsistency.text.includes("writes back"))) fix = writeBackFix(model, o);
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
