import type { Rule } from "./rule";
import { label, names } from "./rule";

export const conflictResolutionMissing: Rule = {
  id: "conflict-resolution-missing",
  severity: "error",
  about: "store",
  description: "Two replicas can accept concurrent writes but the store does not say how to resolve them.",
  check: ({ model, operations }) =>
    [...model.stores.values()]
      .filter((s) => (s.replication === "leaderless" || s.replication === "multi-leader") && (s.store.conflictResolution ?? "none") === "none")
      .flatMap((s) => {
        const writes = operations.filter((o) => o.store === s.id && o.type === "write");
        if (writes.length === 0) return [];
        return [
          {
            rule: "conflict-resolution-missing",
            severity: "error" as const,
            target: s.id,
            message: `${label(s.store.name)} is ${s.replication}: concurrent writes (${names(writes)}) can land on different replicas, and the store has no conflict resolution. Choose one for it: lww (last writer wins), vector-clocks, crdt or app-merge.`,
          },
        ];
      }),
};
