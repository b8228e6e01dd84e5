/**
 * The design document, version 1 (with the version-2 analysis additions), exactly as
 * ../shared/spec/design-format.md defines it, plus the
 * optional `layout` field the studio adds (canvas positions and frame sizes).
 *
 * Objects are strict: a field the format does not define is reported, never dropped. Defaults are
 * NOT filled in here: the parsed document is the document as written, so export → import is the
 * identity. The analysis applies the defaults (see `defaults.ts`).
 */
import { z } from "zod";

export const FORMAT = "quorum-studio/design@1" as const;

/** 1..64 letters, digits, `-`, `_`, `.` (design-format.md, "Identifiers"). */
export const ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The node kinds the studio draws with their own icon and shape. design-format.md does not
 * enumerate `kind`, so a file may name others (`queue`, `gateway`, …): they are kept as written
 * and drawn as the known kind they resemble (`drawnKind`).
 */
export const NODE_KINDS = ["database", "cache", "lock", "broker", "service", "load-balancer"] as const;
export const DATA_MODELS = ["relational", "document", "key-value", "graph", "time-series"] as const;
export const PARTITION_TOLERANCE = ["must-handle", "single-datacenter"] as const;
export const STORE_PURPOSES = ["data", "lock", "coordination", "queue", "cache"] as const;
export const REPLICATION_MODES = ["consensus", "leaderless", "primary-sync", "primary-async", "multi-leader", "crdt"] as const;
export const READ_MODES = ["quorum", "lease", "follower", "leader"] as const;
export const CONFLICT_RESOLUTIONS = ["none", "lww", "vector-clocks", "crdt", "app-merge", "ot"] as const;
export const SHARDING_STRATEGIES = ["none", "hash", "range", "consistent-hash", "geo", "directory"] as const;
export const OPERATION_TYPES = ["read", "write"] as const;
export const READ_REPAIR_MODES = ["blocking", "async", "none"] as const;
export const SURVIVAL_GOALS = ["none", "zone", "region"] as const;
/** Per-datacenter quorum specs of leaderless stores (Cassandra's LOCAL_QUORUM / EACH_QUORUM). */
export const REGIONAL_QUORUMS = ["local-quorum", "each-quorum"] as const;
/** Strongest first (analysis-model.md, "Consistency levels"). */
export const CONSISTENCY_LEVELS = [
  "linearizable",
  "bounded-staleness",
  "causal",
  "session",
  "consistent-prefix",
  "eventual",
] as const;

const id = z.string().regex(ID_PATTERN, {
  error: "must be 1–64 characters of letters, digits, '-', '_' or '.'",
});
const name = z.string().min(1).max(200);
const probability = z.number().min(0).max(1);
const target = z.number().gt(0).max(1);
const millis = z.number().min(0).max(600_000);
const count = z.number().int().min(1).max(1_000_000);

export const contextSchema = z.strictObject({
  purpose: z.string().max(5000).optional(),
  dataModel: z.enum(DATA_MODELS).optional(),
  availabilityTarget: target.optional(),
  partitionTolerance: z.enum(PARTITION_TOLERANCE).optional(),
  singleNodeSufficient: z.boolean().optional(),
  sharedState: z.boolean().optional(),
  eventualOk: z.boolean().optional(),
  presenceOnly: z.boolean().optional(),
  clusterSize: count.optional(),
  survivalGoal: z.enum(SURVIVAL_GOALS).optional(),
});

export const defaultsSchema = z.strictObject({
  intraRegionRttMs: millis.optional(),
  nodeAvailability: probability.optional(),
  jitterMs: millis.optional(),
});

/**
 * Where a region is (optional, added by the project; design-format-notes.md): the cloud region it
 * stands for and its coordinates, from which round-trip times can be estimated.
 */
export const locationSchema = z.strictObject({
  provider: z.enum(["aws", "gcp", "azure"]).optional(),
  code: z.string().min(1).max(64).optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

export const regionSchema = z.strictObject({
  id,
  name,
  zones: z.array(id).max(64).optional(),
  availability: probability.optional(),
  location: locationSchema.optional(),
});

export const linkSchema = z.strictObject({
  a: id,
  b: id,
  rttMs: millis,
  /** True when rttMs was estimated from the regions' locations, not measured (optional, added by the project). */
  estimated: z.boolean().optional(),
});

export const nodeSchema = z.strictObject({
  id,
  name,
  kind: id,
  region: id,
  zone: id.optional(),
  availability: probability.optional(),
});

export const shardingSchema = z.strictObject({
  strategy: z.enum(SHARDING_STRATEGIES),
  shards: count.optional(),
  partitionKey: z.string().min(1).max(200).optional(),
  vnodes: count.optional(),
});

/** A leaderless quorum: a number of replicas, or a per-region majority spec. */
const quorumSpec = z.union([count, z.enum(REGIONAL_QUORUMS)], {
  error: `must be a whole number or one of "local-quorum", "each-quorum"`,
});

export const storeSchema = z.strictObject({
  id,
  name,
  purpose: z.enum(STORE_PURPOSES).optional(),
  replication: z.enum(REPLICATION_MODES),
  protocol: z.string().min(1).max(64).optional(),
  replicas: z.array(id).min(1).max(1000),
  leader: id.optional(),
  readQuorum: quorumSpec.optional(),
  writeQuorum: quorumSpec.optional(),
  readRepair: z.enum(READ_REPAIR_MODES).optional(),
  sloppyQuorum: z.boolean().optional(),
  learners: z.array(id).max(1000).optional(),
  maxStalenessMs: millis.optional(),
  electionTimeoutMs: millis.optional(),
  failoverMs: millis.optional(),
  readMode: z.enum(READ_MODES).optional(),
  sessionGuarantees: z.boolean().optional(),
  conflictResolution: z.enum(CONFLICT_RESOLUTIONS).optional(),
  fencing: z.boolean().optional(),
  sharding: shardingSchema.optional(),
});

export const operationSchema = z.strictObject({
  id,
  name,
  store: id,
  type: z.enum(OPERATION_TYPES),
  consistency: z.enum(CONSISTENCY_LEVELS),
  clientRegion: id.optional(),
  quorum: quorumSpec.optional(),
  readMode: z.enum(READ_MODES).optional(),
  latencySloMs: z.number().gt(0).max(600_000).optional(),
  availabilitySlo: target.optional(),
});

const coordinate = z.number().min(-1_000_000).max(1_000_000);
export const pointSchema = z.strictObject({ x: coordinate, y: coordinate });
export const frameSchema = z.strictObject({
  x: coordinate,
  y: coordinate,
  width: z.number().min(40).max(100_000),
  height: z.number().min(40).max(100_000),
});

/**
 * Canvas layout (a studio addition; optional, ignored by the analysis).
 * - `regions[regionId]`: the region frame, in canvas coordinates.
 * - `zones["regionId/zoneId"]`: the zone frame, relative to its region frame.
 * - `nodes[nodeId]`: the node's top-left corner relative to its parent frame (its zone's frame
 *   when it names a zone that has one, else its region's frame).
 */
export const layoutSchema = z.strictObject({
  regions: z.record(z.string(), frameSchema).optional(),
  zones: z.record(z.string(), frameSchema).optional(),
  nodes: z.record(z.string(), pointSchema).optional(),
});

/**
 * A named failure scenario for the simulator (a studio addition, optional): what fails and how
 * regions split. Zones are written "region/zone".
 */
export const scenarioSchema = z.strictObject({
  name,
  failRegions: z.array(id).max(1000).optional(),
  failZones: z.array(z.string().min(3).max(129)).max(1000).optional(),
  failNodes: z.array(id).max(10_000).optional(),
  split: z.array(z.array(id).min(1).max(1000)).max(1000).optional(),
});

export const designSchema = z.strictObject({
  format: z.literal(FORMAT),
  name,
  context: contextSchema.optional(),
  defaults: defaultsSchema.optional(),
  regions: z.array(regionSchema).max(1000).optional(),
  links: z.array(linkSchema).max(100_000).optional(),
  nodes: z.array(nodeSchema).max(10_000).optional(),
  stores: z.array(storeSchema).max(1000).optional(),
  operations: z.array(operationSchema).max(10_000).optional(),
  layout: layoutSchema.optional(),
  scenarios: z.array(scenarioSchema).max(200).optional(),
});

export type Design = z.infer<typeof designSchema>;
export type DesignContext = z.infer<typeof contextSchema>;
export type Region = z.infer<typeof regionSchema>;
export type Link = z.infer<typeof linkSchema>;
export type DesignNode = z.infer<typeof nodeSchema>;
export type NodeKind = (typeof NODE_KINDS)[number];
export type Store = z.infer<typeof storeSchema>;
export type Sharding = z.infer<typeof shardingSchema>;
export type Operation = z.infer<typeof operationSchema>;
export type OperationType = (typeof OPERATION_TYPES)[number];
export type ReplicationMode = (typeof REPLICATION_MODES)[number];
export type ReadMode = (typeof READ_MODES)[number];
export type ConsistencyLevel = (typeof CONSISTENCY_LEVELS)[number];
export type QuorumSpec = number | (typeof REGIONAL_QUORUMS)[number];
export type ReadRepair = (typeof READ_REPAIR_MODES)[number];
export type SurvivalGoal = (typeof SURVIVAL_GOALS)[number];
export type Layout = z.infer<typeof layoutSchema>;
export type NamedScenario = z.infer<typeof scenarioSchema>;
export type Point = z.infer<typeof pointSchema>;
export type Frame = z.infer<typeof frameSchema>;

/** The read modes each replication mode lists (design-format.md: `readMode`). */
export const READ_MODES_BY_REPLICATION: Record<ReplicationMode, readonly ReadMode[]> = {
  consensus: ["quorum", "lease", "follower"],
  leaderless: [],
  "primary-sync": ["leader", "follower"],
  "primary-async": ["leader", "follower"],
  "multi-leader": [],
  crdt: [],
};

/** Replication modes that have a leader. */
export const LEADER_MODES: readonly ReplicationMode[] = ["consensus", "primary-sync", "primary-async"];

const KIND_ALIASES: Record<string, NodeKind> = {
  db: "database",
  datastore: "database",
  storage: "database",
  store: "database",
  queue: "broker",
  "message-queue": "broker",
  mq: "broker",
  stream: "broker",
  lb: "load-balancer",
  loadbalancer: "load-balancer",
  load_balancer: "load-balancer",
  gateway: "load-balancer",
  proxy: "load-balancer",
  "lock-service": "lock",
  coordinator: "lock",
};

/** The known kind a node is drawn as: its own kind, the one an alias names (queue → broker), else service. */
export function drawnKind(kind: string): NodeKind {
  const lower = kind.toLowerCase();
  return (NODE_KINDS as readonly string[]).includes(lower) ? (lower as NodeKind) : (KIND_ALIASES[lower] ?? "service");
}

/** Key of a zone in `layout.zones`. */
export function zoneKey(regionId: string, zoneId: string): string {
  return `${regionId}/${zoneId}`;
}
