import type { Rule } from "./rule";
import { label } from "./rule";

export const asyncDataLoss: Rule = {
  id: "async-data-loss",
  severity: "warning",
  about: "store",
  description: "Asynchronous replication loses acknowledged writes when the primary dies.",
  check: ({ model }) =>
    [...model.stores.values()]
      .filter((s) => s.replication === "primary-async")
      .map((s) => ({
        rule: "async-data-loss",
        severity: "warning",
        target: s.id,
        message: `${label(s.store.name)} replicates asynchronously: writes acknowledged by the primary are lost if it fails before replicating. Use primary-sync (W ≥ 2) or consensus if that is not acceptable.`,
      })),
};
