import type { Design, DesignNode, Operation, Store } from "../schema";
import { CONSISTENCY_LEVELS, FORMAT, NODE_KINDS, REPLICATION_MODES } from "../schema";

export interface SizeOptions {
  nodes: number;
  stores?: number;
  operations?: number;
  regions?: number;
}

/**
 * A deterministic valid design of the given size (benchmarks, load tests): regions of three
 * zones fully linked, stores of 3–5 replicas over several regions in every replication mode,
 * operations of every consistency level with SLOs.
 */
export function largeDesign(options: SizeOptions | number): Design {
  const o = typeof options === "number" ? { nodes: options } : options;
  const regionCount = o.regions ?? 10;
  const storeCount = o.stores ?? Math.max(1, Math.floor(o.nodes / 10));
  const opCount = o.operations ?? o.nodes;
  const regions = Array.from({ length: regionCount }, (_, r) => ({ id: `r${r}`, name: `region ${r}`, zones: ["a", "b", "c"] }));
  const nodes: DesignNode[] = Array.from({ length: o.nodes }, (_, i) => ({
    id: `n${i}`,
    name: `node ${i}`,
    kind: NODE_KINDS[i % NODE_KINDS.length],
    region: `r${i % regionCount}`,
    zone: ["a", "b", "c"][Math.floor(i / regionCount) % 3],
  }));
  const stores: Store[] = Array.from({ length: storeCount }, (_, s) => {
    const size = 3 + (s % 3);
    const replicas = Array.from({ length: size }, (_, j) => `n${(s * 7 + j) % o.nodes}`);
    const unique = [...new Set(replicas)];
    const replication = REPLICATION_MODES[s % REPLICATION_MODES.length];
    const store: Store = { id: `s${s}`, name: `store ${s}`, replication, replicas: unique, fencing: s % 2 === 0 };
    if (replication === "leaderless" || replication === "multi-leader") store.conflictResolution = "lww";
    if (replication === "leaderless") {
      store.readQuorum = 1 + (s % unique.length);
      store.writeQuorum = unique.length - (s % unique.length);
    }
    return store;
  });
  const operations: Operation[] = Array.from({ length: opCount }, (_, i) => ({
    id: `op${i}`,
    name: `operation ${i}`,
    store: `s${i % storeCount}`,
    type: i % 3 === 0 ? "write" : "read",
    consistency: CONSISTENCY_LEVELS[i % CONSISTENCY_LEVELS.length],
    clientRegion: `r${(i * 3) % regionCount}`,
    latencySloMs: 50 + (i % 5) * 50,
    availabilitySlo: 0.999,
  }));
  const links = [];
  for (let a = 0; a < regionCount; a++) for (let b = a + 1; b < regionCount; b++) links.push({ a: `r${a}`, b: `r${b}`, rttMs: 10 + ((a * 7 + b * 13) % 150) });
  return { format: FORMAT, name: `Generated design (${o.nodes} nodes)`, context: { availabilityTarget: 0.999, partitionTolerance: "must-handle" }, regions, links, nodes, stores, operations };
}
