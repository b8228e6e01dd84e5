import type { Store } from "../../design/schema";
import type { ResolvedStore } from "../model";
import { requiresMoreThanEventual, type Rule } from "./rule";
import { label } from "./rule";

/**
 * Who fences a store, as this rule reads the spec (analysis-model.md, "Locks" and
 * lock-without-fencing): "tokens" when `fencing` is on; "protocol" for a consensus data store,
 * whose terms fence a deposed leader by construction; "none-needed" when nothing can take over
 * (no lock, no failover) or for an efficiency lock (every operation eventual at most; Kleppmann
 * 2016); "missing" otherwise — every lock and coordination service (its clients must carry
 * tokens to the resource) and every primary that can fail over. The recommendations and the
 * export read this too, so no document tells a store fenced by its terms to "enable fencing".
 */
export type FencingStatus = "tokens" | "protocol" | "none-needed" | "missing";

export function fencingStatus(s: Pick<ResolvedStore, "id" | "replication" | "n"> & { store: Pick<Store, "fencing" | "purpose"> }, ops: readonly { store: string; requiredConsistency: string }[]): FencingStatus {
  if (s.store.fencing === true) return "tokens";
  const purpose = s.store.purpose ?? "data";
  const lock = purpose === "lock" || purpose === "coordination";
  const failover = (s.replication === "primary-sync" || s.replication === "primary-async") && s.n >= 2;
  if (!lock && !failover) return s.replication === "consensus" ? "protocol" : "none-needed";
  const mine = ops.filter((o) => o.store === s.id);
  if (purpose === "lock" && mine.length > 0 && !mine.some((o) => requiresMoreThanEventual(o.requiredConsistency))) return "none-needed";
  return "missing";
}

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
      if (fencingStatus(s, operations) !== "missing") return [];
      const purpose = s.store.purpose ?? "data";
      const lock = purpose === "lock" || purpose === "coordination";
      const what = lock ? (purpose === "lock" ? "grants locks" : "coordinates leaders") : "fails over to a replica";
      const fix =
        s.replication === "leaderless"
          ? "A leaderless lock cannot issue fencing tokens at all: move correctness locks to etcd or ZooKeeper (their revision / zxid is the token), or mark every operation on it as eventual if it only saves duplicate work."
          : "Issue a monotonically increasing token with each grant/term and have the protected resource reject older tokens (tick “Fencing tokens” on the store).";
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
