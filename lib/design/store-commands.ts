/**
 * Pure edits of stores, operations, links and the system context. Like commands.ts, each returns
 * a new design and keeps a valid design valid: when a change makes a field inapplicable (switching
 * a store from leaderless to consensus drops its readQuorum, a removed replica clamps quorums),
 * the field is dropped or clamped here, never left for validation to reject.
 */
import { clampQuorum } from "./quorum";
import { addNode, cleanName, DesignCommandError, type Created } from "./commands";
import { defaultName, elementIds, idFromName } from "./ids";
import {
  LEADER_MODES,
  READ_MODES_BY_REPLICATION,
  READ_REPAIR_MODES,
  REGIONAL_QUORUMS,
  SURVIVAL_GOALS,
  type Design,
  type DesignContext,
  type Operation,
  type Store,
} from "./schema";

function getStore(design: Design, id: string): Store {
  const store = design.stores?.find((s) => s.id === id);
  if (!store) throw new DesignCommandError(`unknown store "${id}"`);
  return store;
}

function getOperation(design: Design, id: string): Operation {
  const op = design.operations?.find((o) => o.id === id);
  if (!op) throw new DesignCommandError(`unknown operation "${id}"`);
  return op;
}

/** Drops or clamps what no longer applies to the store's replication mode and replica count. */
export function normalizeStore(store: Store): Store {
  const next: Store = { ...store };
  const n = next.replicas.length;
  if (!LEADER_MODES.includes(next.replication) || (next.leader !== undefined && !next.replicas.includes(next.leader))) delete next.leader;
  if (next.replication !== "leaderless") delete next.readQuorum;
  if (next.replication !== "leaderless" && next.replication !== "primary-sync") delete next.writeQuorum;
  if (typeof next.writeQuorum === "string" && next.replication !== "leaderless") delete next.writeQuorum;
  if (next.readQuorum !== undefined) next.readQuorum = clampQuorum(next.readQuorum, n);
  if (next.writeQuorum !== undefined) next.writeQuorum = clampQuorum(next.writeQuorum, n);
  // Version-2 fields, only where they apply (design-format.md).
  if (next.replication !== "leaderless") {
    delete next.readRepair;
    delete next.sloppyQuorum;
  }
  if (next.replication !== "consensus") {
    delete next.learners;
    delete next.electionTimeoutMs;
  } else if (next.learners !== undefined) {
    const learners = next.learners.filter((l, i, all) => !next.replicas.includes(l) && all.indexOf(l) === i);
    if (learners.length) next.learners = learners;
    else delete next.learners;
  }
  if (next.replication !== "primary-sync" && next.replication !== "primary-async") delete next.failoverMs;
  if (next.replication === "leaderless" || next.replication === "multi-leader" || next.replication === "crdt") delete next.maxStalenessMs;
  if (next.readMode !== undefined && !READ_MODES_BY_REPLICATION[next.replication].includes(next.readMode)) delete next.readMode;
  return next;
}

/** Drops or clamps what no longer applies to an operation on its store. */
export function normalizeOperation(op: Operation, store: Store | undefined): Operation {
  const next: Operation = { ...op };
  if (!store) return next;
  const hasQuorum = store.replication === "leaderless" || (store.replication === "primary-sync" && next.type === "write");
  if (!hasQuorum) delete next.quorum;
  else if (typeof next.quorum === "string" && store.replication !== "leaderless") delete next.quorum;
  else if (next.quorum !== undefined) next.quorum = clampQuorum(next.quorum, store.replicas.length);
  if (next.type !== "read" || (next.readMode !== undefined && !READ_MODES_BY_REPLICATION[store.replication].includes(next.readMode))) delete next.readMode;
  return next;
}

function withStore(design: Design, store: Store): Design {
  const normalized = normalizeStore(store);
  return {
    ...design,
    stores: (design.stores ?? []).map((s) => (s.id === store.id ? normalized : s)),
    operations: (design.operations ?? []).map((o) => (o.store === store.id ? normalizeOperation(o, normalized) : o)),
  };
}

/** Groups nodes into a new store (consensus by default, the first node leads). */
export function makeStore(design: Design, replicas: readonly string[], options: { name?: string; replication?: Store["replication"] } = {}): Created {
  const known = new Set((design.nodes ?? []).map((n) => n.id));
  const unique = [...new Set(replicas)].filter((r) => known.has(r));
  if (unique.length === 0) throw new DesignCommandError("select one or more nodes to make a store");
  const taken = elementIds(design);
  const name = options.name ? cleanName(options.name) : defaultName("Store", (design.stores ?? []).map((s) => s.name), taken);
  const id = idFromName(name, taken, "store");
  const store = normalizeStore({
    id,
    name,
    replication: options.replication ?? "consensus",
    replicas: unique,
  });
  return { id, design: { ...design, stores: [...(design.stores ?? []), store] } };
}

/**
 * Patch of store fields; `null` removes an optional field (its default applies again).
 * `replicas`, when given, replaces the list (at least one).
 */
export type StorePatch = { [K in keyof Omit<Store, "id">]?: Store[K] | null };

export function updateStore(design: Design, id: string, patch: StorePatch): Design {
  const store = getStore(design, id);
  const next: Record<string, unknown> = { ...store };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (patch.name !== undefined && patch.name !== null) next.name = cleanName(patch.name);
  if (patch.replicas !== undefined) {
    const known = new Set((design.nodes ?? []).map((n) => n.id));
    const replicas = [...new Set(patch.replicas ?? [])].filter((r) => known.has(r));
    if (replicas.length === 0) throw new DesignCommandError("a store needs at least one replica (delete the store instead)");
    next.replicas = replicas;
  }
  if (patch.sharding) {
    const sharding = { ...patch.sharding };
    for (const key of ["shards", "vnodes"] as const) if (sharding[key] !== undefined && (!Number.isInteger(sharding[key]) || sharding[key]! < 1)) delete sharding[key];
    if (sharding.partitionKey !== undefined && !sharding.partitionKey.trim()) delete sharding.partitionKey;
    next.sharding = sharding;
  }
  for (const key of ["readQuorum", "writeQuorum"] as const) {
    const v = next[key];
    if (v === undefined || (typeof v === "number" && Number.isInteger(v))) continue;
    if (!(REGIONAL_QUORUMS as readonly unknown[]).includes(v)) throw new DesignCommandError(`${key} must be a whole number, "local-quorum" or "each-quorum"`);
    // Asked for explicitly (not carried over from a leaderless store being switched): say why not.
    if (patch[key] !== undefined && next.replication !== "leaderless") throw new DesignCommandError("LOCAL_QUORUM and EACH_QUORUM apply to leaderless stores only");
  }
  if (next.readRepair !== undefined && !(READ_REPAIR_MODES as readonly unknown[]).includes(next.readRepair)) throw new DesignCommandError(`read repair must be one of ${READ_REPAIR_MODES.join(", ")}`);
  for (const key of ["maxStalenessMs", "electionTimeoutMs", "failoverMs"] as const) {
    const v = next[key];
    if (v !== undefined && !(typeof v === "number" && v >= 0 && v <= 600_000)) throw new DesignCommandError(`${MS_FIELD_LABEL[key]} must be between 0 and 600000 ms`);
  }
  return withStore(design, next as Store);
}

const MS_FIELD_LABEL = { maxStalenessMs: "max staleness", electionTimeoutMs: "election timeout", failoverMs: "failover time" } as const;

/** Adds or removes a node from a store's replicas. */
export function toggleReplica(design: Design, storeId: string, nodeId: string): Design {
  const store = getStore(design, storeId);
  const replicas = store.replicas.includes(nodeId) ? store.replicas.filter((r) => r !== nodeId) : [...store.replicas, nodeId];
  return updateStore(design, storeId, { replicas });
}

/**
 * Makes a node a learner (non-voting replica) of a consensus store: it receives the log but does
 * not count towards the majority (CockroachDB non-voting replicas, etcd learners).
 *
 * @example addLearner(design, "orders", "pg4") // pg4 serves follower reads, n stays 3
 */
export function addLearner(design: Design, storeId: string, nodeId: string): Design {
  const store = getStore(design, storeId);
  const node = design.nodes?.find((n) => n.id === nodeId);
  if (store.replication !== "consensus") throw new DesignCommandError(`only consensus stores have learners (${store.name} is ${store.replication})`);
  if (!node) throw new DesignCommandError(`unknown node "${nodeId}"`);
  if (store.replicas.includes(nodeId)) throw new DesignCommandError(`${node.name} is already a voting replica of ${store.name}`);
  if (store.learners?.includes(nodeId)) return design;
  return withStore(design, { ...store, learners: [...(store.learners ?? []), nodeId] });
}

/** Removes a learner from a consensus store (the node stays on the canvas). */
export function removeLearner(design: Design, storeId: string, nodeId: string): Design {
  const store = getStore(design, storeId);
  if (!store.learners?.includes(nodeId)) return design;
  return withStore(design, { ...store, learners: store.learners.filter((l) => l !== nodeId) });
}

/**
 * Adds a new node to a region and, in the same edit, makes it a replica or a learner of a store.
 * The node takes the kind of the store's first replica; in a region with zones it goes into the
 * zone holding the fewest of the store's members (spreading them, as a zone survival goal wants).
 */
export function addMemberNode(design: Design, storeId: string, options: { region: string; role: "replica" | "learner" }): Created {
  const store = getStore(design, storeId);
  if (options.role === "learner" && store.replication !== "consensus") throw new DesignCommandError(`only consensus stores have learners (${store.name} is ${store.replication})`);
  const region = design.regions?.find((r) => r.id === options.region);
  if (!region) throw new DesignCommandError(`unknown region "${options.region}"`);
  const members = new Set([...store.replicas, ...(store.learners ?? [])]);
  const nodes = design.nodes ?? [];
  const kind = nodes.find((n) => n.id === store.replicas[0])?.kind ?? "database";
  const zones = region.zones ?? [];
  const load = (z: string) => nodes.filter((n) => members.has(n.id) && n.region === region.id && n.zone === z).length;
  const zone = zones.length ? zones.reduce((best, z) => (load(z) < load(best) ? z : best), zones[0]) : undefined;
  const created = addNode(design, { kind, region: region.id, zone });
  const next = options.role === "learner" ? addLearner(created.design, storeId, created.id) : toggleReplica(created.design, storeId, created.id);
  return { id: created.id, design: next };
}

export function setLeader(design: Design, storeId: string, nodeId: string): Design {
  const store = getStore(design, storeId);
  if (!LEADER_MODES.includes(store.replication)) throw new DesignCommandError(`${store.replication} stores have no leader`);
  if (!store.replicas.includes(nodeId)) throw new DesignCommandError(`"${nodeId}" is not a replica of ${store.name}`);
  return withStore(design, { ...store, leader: nodeId });
}

/** Deletes a store and the operations on it. */
export function deleteStore(design: Design, id: string): Design {
  getStore(design, id);
  return {
    ...design,
    stores: (design.stores ?? []).filter((s) => s.id !== id),
    operations: (design.operations ?? []).filter((o) => o.store !== id),
  };
}

/** Adds an operation on a store (a linearizable write unless told otherwise). */
export function addOperation(design: Design, options: { store: string; type?: Operation["type"]; name?: string; consistency?: Operation["consistency"] }): Created {
  const store = getStore(design, options.store);
  const taken = elementIds(design);
  const name = options.name ? cleanName(options.name) : defaultName("Operation", (design.operations ?? []).map((o) => o.name), taken);
  const id = idFromName(name, taken, "op");
  const op = normalizeOperation(
    {
      id,
      name,
      store: store.id,
      type: options.type ?? "write",
      consistency: options.consistency ?? "linearizable",
    },
    store,
  );
  return { id, design: { ...design, operations: [...(design.operations ?? []), op] } };
}

export type OperationPatch = { [K in keyof Omit<Operation, "id">]?: Operation[K] | null };

export function updateOperation(design: Design, id: string, patch: OperationPatch): Design {
  const op = getOperation(design, id);
  const next: Record<string, unknown> = { ...op };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (patch.name !== undefined && patch.name !== null) next.name = cleanName(patch.name);
  const store = getStore(design, next.store as string);
  if (next.clientRegion !== undefined && !(design.regions ?? []).some((r) => r.id === next.clientRegion)) {
    throw new DesignCommandError(`unknown region "${String(next.clientRegion)}"`);
  }
  if (next.latencySloMs !== undefined && !((next.latencySloMs as number) > 0)) delete next.latencySloMs;
  if (next.availabilitySlo !== undefined && !((next.availabilitySlo as number) > 0 && (next.availabilitySlo as number) <= 1)) delete next.availabilitySlo;
  const normalized = normalizeOperation(next as Operation, store);
  return { ...design, operations: (design.operations ?? []).map((o) => (o.id === id ? normalized : o)) };
}

export function deleteOperation(design: Design, id: string): Design {
  getOperation(design, id);
  return { ...design, operations: (design.operations ?? []).filter((o) => o.id !== id) };
}

/** Moves an operation to `index` in the list (the table's order). */
export function moveOperation(design: Design, id: string, index: number): Design {
  const ops = [...(design.operations ?? [])];
  const from = ops.findIndex((o) => o.id === id);
  if (from < 0) throw new DesignCommandError(`unknown operation "${id}"`);
  const [op] = ops.splice(from, 1);
  ops.splice(Math.max(0, Math.min(index, ops.length)), 0, op);
  return { ...design, operations: ops };
}

/** Sets (or with `null` removes) the round-trip time between two regions. */
export function setLink(design: Design, a: string, b: string, rttMs: number | null): Design {
  if (a === b) throw new DesignCommandError("a link joins two different regions");
  for (const r of [a, b]) if (!(design.regions ?? []).some((x) => x.id === r)) throw new DesignCommandError(`unknown region "${r}"`);
  const links = (design.links ?? []).filter((l) => !((l.a === a && l.b === b) || (l.a === b && l.b === a)));
  if (rttMs === null) return { ...design, links };
  if (!Number.isFinite(rttMs) || rttMs < 0 || rttMs > 600_000) throw new DesignCommandError("RTT must be between 0 and 600000 ms");
  const existing = (design.links ?? []).findIndex((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a));
  const link = { a, b, rttMs };
  if (existing < 0) return { ...design, links: [...links, link] };
  const kept = [...(design.links ?? [])];
  kept[existing] = { a: kept[existing].a, b: kept[existing].b, rttMs }; // typed: measured, no longer an estimate
  return { ...design, links: kept };
}

export type ContextPatch = { [K in keyof DesignContext]?: DesignContext[K] | null };

/** Edits the system context; `null` clears a field, an emptied context is removed. */
export function updateContext(design: Design, patch: ContextPatch): Design {
  const next: Record<string, unknown> = { ...design.context };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === "") delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (next.availabilityTarget !== undefined && !((next.availabilityTarget as number) > 0 && (next.availabilityTarget as number) <= 1)) {
    throw new DesignCommandError("the availability target must be above 0 and at most 100 %");
  }
  if (next.clusterSize !== undefined && !(Number.isInteger(next.clusterSize) && (next.clusterSize as number) >= 1)) {
    throw new DesignCommandError("cluster size must be a whole number ≥ 1");
  }
  if (next.survivalGoal !== undefined && !(SURVIVAL_GOALS as readonly unknown[]).includes(next.survivalGoal)) {
    throw new DesignCommandError(`the survival goal must be one of ${SURVIVAL_GOALS.join(", ")}`);
  }
  const out: Design = { ...design };
  if (Object.keys(next).length) out.context = next as DesignContext;
  else delete out.context;
  return out;
}

export type DefaultsPatch = { [K in keyof NonNullable<Design["defaults"]>]?: number | null };

/** Edits the design-wide defaults (intra-region RTT, node availability, jitter); `null` clears one. */
export function updateDefaults(design: Design, patch: DefaultsPatch): Design {
  const next: Record<string, unknown> = { ...design.defaults };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (next.intraRegionRttMs !== undefined && !((next.intraRegionRttMs as number) >= 0)) throw new DesignCommandError("intra-region RTT must be ≥ 0 ms");
  if (next.nodeAvailability !== undefined && !((next.nodeAvailability as number) >= 0 && (next.nodeAvailability as number) <= 1)) {
    throw new DesignCommandError("node availability must be between 0 and 100 %");
  }
  if (next.jitterMs !== undefined && !((next.jitterMs as number) >= 0 && (next.jitterMs as number) <= 600_000)) throw new DesignCommandError("jitter must be between 0 and 600000 ms");
  const out: Design = { ...design };
  if (Object.keys(next).length) out.defaults = next as Design["defaults"];
  else delete out.defaults;
  return out;
}
