import type { Rule } from "./rule";
import { label } from "./rule";

/** Decimals (of a percentage) that write `x` exactly: 0.9995 → 99.95 % → 2. */
function decimalsOf(x: number): number {
  for (let d = 0; d < 10; d++) if (Math.abs(Number((x * 100).toFixed(d)) - x * 100) < 1e-9) return d;
  return 10;
}

/**
 * Both figures as percentages: the target exactly as it was set (99.95 %, never rounded to 100 %),
 * the value with as many decimals as tell them apart (99.975 % below 99.99 %) and its nines.
 */
export function compare(value: number, target: number): [string, string] {
  let digits = decimalsOf(target);
  while (digits < 10 && (value * 100).toFixed(digits) === (target * 100).toFixed(digits)) digits++;
  const trim = (s: string) => (s.includes(".") ? s.replace(/\.?0+$/, "") : s);
  return [`${trim((value * 100).toFixed(digits))} % (${Math.floor(-Math.log10(1 - value) * 10 + 1e-9) / 10} nines)`, `${trim((target * 100).toFixed(digits))} %`];
}

export const availabilitySlo: Rule = {
  id: "availability-slo",
  severity: "error",
  about: "operation",
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
