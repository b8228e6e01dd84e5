/** Builders for analysis tests: small valid designs with one store. */
import type { Design, DesignNode, Operation, Store } from "../design/schema";
import { FORMAT } from "../design/schema";

export interface OneStoreOptions {
  n: number;
  replication: Store["replication"];
  /** Region of each replica (default: all in "r1"). */
  regions?: string[];
  zones?: (string | undefined)[];
  store?: Partial<Store>;
  operations?: Partial<Operation>[];
  links?: Design["links"];
  nodeAvailability?: number;
  regionAvailability?: Record<string, number>;
  context?: Design["context"];
}

/** A design with one store of n replicas (nodes n1..nN) and the given operations on it. */
export function oneStore(options: OneStoreOptions): Design {
  const regionOf = (i: number) => options.regions?.[i] ?? "r1";
  const regionIds = [...new Set(Array.from({ length: options.n }, (_, i) => regionOf(i)))];
  const zonesByRegion = new Map<string, Set<string>>();
  const nodes: DesignNode[] = Array.from({ length: options.n }, (_, i) => {
    const zone = options.zones?.[i];
    if (zone) zonesByRegion.set(regionOf(i), (zonesByRegion.get(regionOf(i)) ?? new Set()).add(zone));
    return { id: `n${i + 1}`, name: `node ${i + 1}`, kind: "database", region: regionOf(i), ...(zone ? { zone } : {}) };
  });
  for (const extra of options.operations ?? []) if (extra.clientRegion && !regionIds.includes(extra.clientRegion)) regionIds.push(extra.clientRegion);
  return {
    format: FORMAT,
    name: "test",
    ...(options.context ? { context: options.context } : {}),
    ...(options.nodeAvailability !== undefined ? { defaults: { nodeAvailability: options.nodeAvailability } } : {}),
    regions: regionIds.map((id) => ({
      id,
      name: id,
      ...(zonesByRegion.has(id) ? { zones: [...zonesByRegion.get(id)!].sort() } : {}),
      ...(options.regionAvailability?.[id] !== undefined ? { availability: options.regionAvailability[id] } : {}),
    })),
    links: options.links ?? [],
    nodes,
    stores: [{ id: "s", name: "S", replication: options.replication, replicas: nodes.map((n) => n.id), ...options.store }],
    operations: (options.operations ?? [{ type: "write" }, { type: "read" }]).map((o, i) => ({
      id: o.id ?? `op${i + 1}`,
      name: o.name ?? `op ${i + 1}`,
      store: "s",
      type: o.type ?? "read",
      consistency: o.consistency ?? "eventual",
      ...o,
    })),
  };
}
