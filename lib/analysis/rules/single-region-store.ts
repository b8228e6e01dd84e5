import type { Rule } from "./rule";
import { label, regionName } from "./rule";

export const singleRegionStore: Rule = {
  id: "single-region-store",
  severity: "warning",
  about: "store",
  description: "The design must handle partitions but a store lives in one region.",
  check: ({ model, stores }) =>
    (model.design.context?.partitionTolerance ?? "must-handle") !== "must-handle"
      ? []
      : stores
          .filter((s) => s.regions.length === 1 && s.n >= 2)
          .map((s) => ({
            rule: "single-region-store",
            severity: "warning",
            target: s.id,
            message: `${label(s.name)} has every replica in ${regionName(model, s.regions[0])}: losing or partitioning that region takes it down although the design must handle partitions. Spread replicas over at least three regions (or two plus a witness).`,
          })),
};
