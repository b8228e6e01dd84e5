import type { Rule } from "./rule";
import { label } from "./rule";

const pct = (x: number) => `${Number((x * 100).toPrecision(8))} %`;

export const availabilitySlo: Rule = {
  id: "availability-slo",
  severity: "error",
  description: "An operation's availability is below its availability SLO (or the design's target).",
  check: ({ operations }) =>
    operations
      .filter((o) => o.availabilitySlo !== null && o.availability < o.availabilitySlo)
      .map((o) => ({
        rule: "availability-slo",
        severity: "error",
        target: o.id,
        message: `${label(o.name, o.id)} is available ${pct(o.availability)} of the time, below its ${pct(o.availabilitySlo!)} target: add replicas in other zones or regions, lower its quorum, or avoid needing a specific node.`,
      })),
};
