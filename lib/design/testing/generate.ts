import type { Design, DesignNode, Store } from "../schema";
import { FORMAT, NODE_KINDS } from "../schema";

/** A deterministic valid design of about `nodeCount` nodes (benchmarks, load tests). */
export function largeDesign(nodeCount: number, regionCount = 10): Design {
  const regions = Array.from({ length: regionCount }, (_, r) => ({ id: `r${r}`, name: `region ${r}`, zones: ["a", "b", "c"] }));
  const nodes: DesignNode[] = Array.from({ length: nodeCount }, (_, i) => ({
    id: `n${i}`,
    name: `node ${i}`,
    kind: NODE_KINDS[i % NODE_KINDS.length],
    region: `r${i % regionCount}`,
    zone: ["a", "b", "c"][Math.floor(i / regionCount) % 3],
  }));
  const stores: Store[] = [];
  for (let i = 0; i + 3 <= nodeCount; i += 5) {
    stores.push({ id: `s${i}`, name: `store ${i}`, replication: i % 2 ? "leaderless" : "consensus", replicas: [`n${i}`, `n${i + 1}`, `n${i + 2}`] });
  }
  const links = [];
  for (let a = 0; a < regionCount; a++) for (let b = a + 1; b < regionCount; b++) links.push({ a: `r${a}`, b: `r${b}`, rttMs: 10 + ((a * 7 + b * 13) % 150) });
  return {
    format: FORMAT,
    name: `Large design (${nodeCount} nodes)`,
    regions,
    links,
    nodes,
    stores,
    operations: stores.map((s, i) => ({ id: `op${i}`, name: `op ${i}`, store: s.id, type: i % 2 ? "read" : "write", consistency: "linearizable" })),
  };
}
