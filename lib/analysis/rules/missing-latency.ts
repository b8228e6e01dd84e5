import { label, regionName, type Rule } from "./rule";

/** Targets each operation with a figure made unknown by a missing link, naming the region pairs. */
export const missingLatency: Rule = {
  id: "missing-latency",
  severity: "warning",
  about: "operation",
  description: "A figure needs the round-trip time between two regions that the design does not give.",
  check: ({ operations, model }) =>
    operations
      .filter((o) => o.missingLinks.length > 0)
      .map((o) => {
        const pairs = o.missingLinks.map((p) => p.split("|") as [string, string]);
        return {
          rule: "missing-latency",
          severity: "warning" as const,
          target: o.id,
          message: `${label(o.name)}: no round-trip time between ${pairs.map(([a, b]) => `${regionName(model, a)} and ${regionName(model, b)}`).join("; ")}, so its latency is unknown. Type ${pairs.length === 1 ? "it" : "them"} in the round-trip times between regions (the design's context, with nothing selected).`,
        };
      }),
};
