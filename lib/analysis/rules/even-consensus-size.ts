import type { Rule } from "./rule";
import { label } from "./rule";

export const evenConsensusSize: Rule = {
  id: "even-consensus-size",
  severity: "warning",
  about: "store",
  description: "An even consensus group tolerates no more failures than one node fewer.",
  check: ({ model }) =>
    [...model.stores.values()]
      .filter((s) => s.replication === "consensus" && s.n >= 2 && s.n % 2 === 0)
      .map((s) => ({
        rule: "even-consensus-size",
        severity: "warning",
        target: s.id,
        message: `${label(s.store.name)} has ${s.n} voters: it tolerates ${s.n - s.majority} failures, the same as ${s.n - 1}, with a larger quorum. Use ${s.n - 1} or ${s.n + 1} replicas.`,
      })),
};
