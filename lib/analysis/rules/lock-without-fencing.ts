import { LEADER_MODES } from "../../design/schema";
import type { Rule } from "./rule";
import { label } from "./rule";

export const lockWithoutFencing: Rule = {
  id: "lock-without-fencing",
  severity: "error",
  description: "A lock or an elected leader without fencing tokens lets a paused ex-holder corrupt data.",
  check: ({ model }) =>
    [...model.stores.values()]
      .filter((s) => (s.store.purpose === "lock" || LEADER_MODES.includes(s.replication)) && s.store.fencing !== true)
      .map((s) => ({
        rule: "lock-without-fencing",
        severity: "error",
        target: s.id,
        message: `${label(s.store.name, s.id)} ${s.store.purpose === "lock" ? "grants locks" : "elects a leader"} without fencing tokens: a holder paused by GC or a partition can act after losing it. Issue a monotonically increasing token with each grant/term and have the protected resource reject older tokens (tick “Fencing tokens” on the store; "fencing": true in the file).`,
      })),
};
