import type { Rule } from "./rule";
import { label, nodeName } from "./rule";

const THRESHOLD_MS = 100;

export const replicationLag: Rule = {
  id: "replication-lag",
  severity: "warning",
  about: "store",
  description: "Asynchronous replication across a long round trip lags noticeably.",
  check: ({ model }) => {
    const links = new Map((model.design.links ?? []).map((l) => [[l.a, l.b].sort().join("|"), l.rttMs]));
    const regionOf = (id: string) => model.nodes.get(id)!.region;
    const out = [];
    for (const s of model.stores.values()) {
      const pairs: [string, string][] = [];
      // analysis-model.md: a store "whose replicas are more than 100 ms rtt apart" — any two of
      // them (after a failover the new primary replicates to the others).
      if (s.replication === "primary-async" || s.replication === "multi-leader" || s.replication === "crdt") {
        for (let i = 0; i < s.replicas.length; i++) for (let j = i + 1; j < s.replicas.length; j++) pairs.push([s.replicas[i], s.replicas[j]]);
      }
      let worst = 0;
      let worstPair: [string, string] | null = null;
      for (const [x, y] of pairs) {
        const a = regionOf(x);
        const b = regionOf(y);
        const rtt = a === b ? 0 : (links.get([a, b].sort().join("|")) ?? 0);
        if (rtt > worst) {
          worst = rtt;
          worstPair = [x, y];
        }
      }
      if (worstPair && worst > THRESHOLD_MS) {
        out.push({
          rule: "replication-lag",
          severity: "warning" as const,
          target: s.id,
          message: `${label(s.store.name)} replicates asynchronously between ${nodeName(model, worstPair[0])} and ${nodeName(model, worstPair[1])} over a ${worst} ms round trip: replicas can lag by hundreds of milliseconds. Keep reads that need fresh data on the writer's side (session guarantees) or bring replicas closer.`,
        });
      }
    }
    return out;
  },
};
