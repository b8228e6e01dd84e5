import type { Rule } from "./rule";
import { label } from "./rule";

/**
 * Both figures as percentages with as few decimals as tell them apart (99.975 % below 99.99 %),
 * the first with its nines: readable, never rounded into looking equal.
 */
function compare(value: number, target: number): [string, string] {
  for (let digits = 1; ; digits++) {
    const a = (value * 100).toFixed(digits);
    const b = (target * 100).toFixed(digits);
    if (a !== b || digits >= 10) {
      const trim = (s: string) => s.replace(/\.?0+$/, "");
      return [`${trim(a)} % (${Math.floor(-Math.log10(1 - value) * 10 + 1e-9) / 10} nines)`, `${trim(b)} %`];
    }
  }
}

export const availabilitySlo: Rule = {
  id: "availability-slo",
  severity: "error",
  description: "An operation's availability is below its availability SLO (or the design's target).",
  check: ({ operations }) =>
    operations
      // Exact in theory, floating point in practice: 1 − 0.01 × 0.001 computes as 0.9999899999999999.
      .filter((o) => o.availabilitySlo !== null && o.availability !== null && o.availability < o.availabilitySlo - 1e-12)
      .map((o) => {
        const [value, target] = compare(o.availability!, o.availabilitySlo!);
        return {
          rule: "availability-slo",
          severity: "error",
          target: o.id,
          message: `${label(o.name)} is available ${value} of the time, below its ${target} target: add replicas in other zones or regions, lower its quorum, or avoid needing a specific node.`,
        } as const;
      }),
};
