import type { Model } from "../model";
import { fmt } from "../math";
import type { OperationAnalysis } from "../types";
import { label, regionName, type Rule } from "./rule";

/** 30000 → "30 s", 800 → "800 ms". */
const fmtMs = (ms: number) => (ms >= 1000 ? `${fmt(ms / 1000)} s` : `${fmt(ms)} ms`);

const zoneName = (model: Model, key: string) => {
  const [region, zone] = key.split("/");
  return `${regionName(model, region)}/${zone}`;
};

/** What to do so the store survives the domain's loss (CockroachDB's survival goals). */
function advice(model: Model, o: OperationAnalysis, domain: "zone" | "region"): string {
  const s = model.stores.get(o.store)!;
  if (s.replication === "primary-sync" || s.replication === "primary-async") {
    return `it needs its primary, so it waits out a failover (the store's failover time, ${fmtMs(s.store.failoverMs ?? 30000)}) when the primary's ${domain} is lost; use a consensus store with voters in ${domain === "zone" ? "3 zones" : "3 regions (2 + 2 + 1)"} to stay available`;
  }
  if (o.quorum === "local-quorum" || o.quorum === "each-quorum") {
    return domain === "region"
      ? `${o.quorum === "local-quorum" ? "LOCAL_QUORUM needs a majority in its own region" : "EACH_QUORUM needs a majority in every region"}, so losing ${o.quorum === "local-quorum" ? "that region" : "any region"} stops it; use a numeric quorum that fits in the surviving regions, or (as Cassandra clients do) fail callers over to another datacenter — model that as the same operation from the other region`
      : "spread each region's replicas over 3 zones so a majority survives a zone";
  }
  const regions = model.regions.size;
  return domain === "zone"
    ? "place the replicas so no zone holds as many as the quorum needs to lose: e.g. 3 voters, one in each of 3 zones"
    : regions >= 3
      ? "place the voters so no region holds more than n − quorum of them: e.g. 5 voters as 2 + 2 + 1 across 3 regions (CockroachDB's REGION survival)"
      : `surviving a region needs voters in at least 3 regions (the design has ${regions}): add a region, e.g. 5 voters as 2 + 2 + 1`;
}

/** An operation that does not survive the loss of the domain named by context.survivalGoal (default zone). */
export const survivalGoalUnmet: Rule = {
  id: "survival-goal-unmet",
  severity: "error",
  about: "operation",
  description: "An operation does not survive the loss of the failure domain the design's survival goal names.",
  check: ({ model, operations, fatalDomains }) => {
    const goal = model.design.context?.survivalGoal ?? "zone";
    if (goal === "none") return [];
    return operations.flatMap((o) => {
      const survives = goal === "zone" ? o.survivesZoneLoss : o.survivesRegionLoss;
      if (survives !== false) return [];
      const fatal = fatalDomains(o, goal);
      const domains = fatal.map((d) => (goal === "zone" ? zoneName(model, d) : regionName(model, d))).join(", ");
      return [
        {
          rule: "survival-goal-unmet",
          severity: "error" as const,
          target: o.id,
          message: `${label(o.name)} does not survive the loss of ${goal === "zone" ? "zone" : "region"} ${domains} (survival goal: ${goal}${model.design.context?.survivalGoal === undefined ? ", the default" : ""}): ${advice(model, o, goal)}. Or set the design's survival goal to ${goal === "region" ? "zone" : "none"} if that loss is acceptable.`,
        },
      ];
    });
  },
};
