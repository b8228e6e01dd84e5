import { fmt } from "../math";
import type { Rule } from "./rule";
import { label, regionName } from "./rule";

export const latencySlo: Rule = {
  id: "latency-slo",
  severity: "error",
  about: "operation",
  description: "An operation's estimated latency is above its latency SLO.",
  check: ({ operations, model }) =>
    operations
      .filter((o) => o.latencySloMs !== null && o.latencyMs !== null && o.latencyMs > o.latencySloMs)
      .map((o) => ({
        rule: "latency-slo",
        severity: "error",
        target: o.id,
        message: `${label(o.name)} takes about ${fmt(o.latencyMs)} ms, over its ${fmt(o.latencySloMs)} ms SLO: move the leader or replicas closer to ${o.clientRegion ? regionName(model, o.clientRegion) : "the callers"}, use a weaker read mode, or relax the SLO.`,
      })),
};
