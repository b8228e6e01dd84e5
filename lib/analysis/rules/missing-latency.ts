import type { Rule } from "./rule";

export const missingLatency: Rule = {
  id: "missing-latency",
  severity: "warning",
  description: "A figure needs the round-trip time between two regions that the design does not give.",
  check: ({ missingPairs, model }) =>
    missingPairs.map((pair) => {
      const [a, b] = pair.split("|");
      const name = (id: string) => model.regions.get(id)?.name ?? id;
      return {
        rule: "missing-latency",
        severity: "warning",
        target: a,
        message: `No round-trip time between ${name(a)} (${a}) and ${name(b)} (${b}): latency figures that need it are unknown. Add a link { "a": "${a}", "b": "${b}", "rttMs": … }.`,
      };
    }),
};
