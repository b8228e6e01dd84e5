import { label, names, requiresMoreThanEventual, type Rule } from "./rule";

/** Sloppy quorums (hinted handoff) let reads and writes land on stand-ins: eventual only (DeCandia et al. 2007). */
export const sloppyQuorum: Rule = {
  id: "sloppy-quorum",
  severity: "warning",
  about: "store",
  description: "A sloppy-quorum store serves an operation that requires more than eventual consistency.",
  check: ({ operations, model }) =>
    [...model.stores.values()].flatMap((s) => {
      if (!s.sloppy) return [];
      const strict = operations.filter((o) => o.store === s.id && requiresMoreThanEventual(o.requiredConsistency));
      if (strict.length === 0) return [];
      return [
        {
          rule: "sloppy-quorum",
          severity: "warning" as const,
          target: s.id,
          message: `${label(s.store.name)} uses sloppy quorums: during failures any reachable node accepts on behalf of a down replica (hinted handoff), so quorums need not overlap and ${names(strict)} get${strict.length === 1 ? "s" : ""} eventual consistency only. Turn sloppy quorums off (strict quorums) for ${strict.length === 1 ? "it" : "them"}, or relax the requirement (Dynamo, DeCandia et al. 2007).`,
        },
      ];
    }),
};
