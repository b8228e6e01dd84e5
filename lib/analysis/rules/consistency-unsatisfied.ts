import type { Rule } from "./rule";
import { label } from "./rule";

export const consistencyUnsatisfied: Rule = {
  id: "consistency-unsatisfied",
  severity: "error",
  description: "An operation gets weaker consistency than it requires.",
  check: ({ operations, model }) =>
    operations
      .filter((o) => !o.satisfied)
      .map((o) => {
        const store = model.stores.get(o.store)!;
        const fix =
          store.replication === "leaderless"
            ? "raise R or W so that R + W > n"
            : store.replication === "multi-leader" || store.replication === "crdt"
              ? "move it to a consensus or primary store, or relax the requirement"
              : "read from the leader (quorum or lease read) instead of a follower";
        return {
          rule: "consistency-unsatisfied",
          severity: "error",
          target: o.id,
          message: `${label(o.name, o.id)} requires ${o.requiredConsistency} but ${label(store.store.name, store.id)} provides ${o.providedConsistency}: ${fix}, or lower the requirement.`,
        };
      }),
};
