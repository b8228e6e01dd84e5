import { label, requiresMoreThanEventual, type Rule } from "./rule";

/** Quorums that intersect are not enough: reads must write back before answering (Attiya, Bar-Noy, Dolev). */
export const readRepairNotBlocking: Rule = {
  id: "read-repair-not-blocking",
  severity: "warning",
  about: "operation",
  description: "Quorums intersect but read repair is not blocking, so a read can see a write in flight and the next read miss it.",
  check: ({ operations, model }) =>
    operations.flatMap((o) => {
      const s = model.stores.get(o.store)!;
      if (o.type !== "read" || s.replication !== "leaderless" || s.sloppy || s.readRepair === "blocking") return [];
      if (!requiresMoreThanEventual(o.requiredConsistency) || o.staleReadProbability !== 0) return [];
      return [
        {
          rule: "read-repair-not-blocking",
          severity: "warning" as const,
          target: o.id,
          message: `${label(o.name)} reads a quorum that meets every write quorum, but ${label(s.store.name)} ${s.readRepair === "none" ? "does not repair reads" : "repairs reads in the background (async)"}: a read can return a write still in flight and the next read the older value, so it is not linearizable. Set read repair to blocking (the read writes back to a write quorum before answering; Attiya, Bar-Noy, Dolev).`,
        },
      ];
    }),
};
