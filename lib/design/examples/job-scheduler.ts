import type { Design } from "../schema";

/** A job scheduler that takes locks two ways: Redlock on Redis, and a lease in etcd. */
export const jobScheduler: Design = {
  format: "quorum-studio/design@1",
  name: "Job scheduler: Redlock vs etcd locks",
  context: {
    purpose: "Runs each scheduled job exactly once across workers. Compares a Redlock lock with an etcd lease for the same job.",
    dataModel: "key-value",
    availabilityTarget: 0.999,
    partitionTolerance: "must-handle",
    eventualOk: false,
    survivalGoal: "zone",
  },
  defaults: { intraRegionRttMs: 1, nodeAvailability: 0.999 },
  regions: [
    { id: "use1", name: "us-east-1", zones: ["a", "b", "c"] },
    { id: "use2", name: "us-east-2", zones: ["a"] },
  ],
  links: [{ a: "use1", b: "use2", rttMs: 12 }],
  nodes: [
    { id: "redis1", name: "redis-1", kind: "cache", region: "use1", zone: "a" },
    { id: "redis2", name: "redis-2", kind: "cache", region: "use1", zone: "b" },
    { id: "redis3", name: "redis-3", kind: "cache", region: "use1", zone: "c" },
    { id: "redis4", name: "redis-4", kind: "cache", region: "use2", zone: "a" },
    { id: "redis5", name: "redis-5", kind: "cache", region: "use2", zone: "a" },
    { id: "etcd1", name: "etcd-1", kind: "lock", region: "use1", zone: "a" },
    { id: "etcd2", name: "etcd-2", kind: "lock", region: "use1", zone: "b" },
    { id: "etcd3", name: "etcd-3", kind: "lock", region: "use2", zone: "a" },
    { id: "worker1", name: "worker pool", kind: "service", region: "use1", zone: "a" },
    { id: "queue", name: "job queue", kind: "broker", region: "use1", zone: "b" },
  ],
  stores: [
    { id: "redlock", name: "Redlock (Redis)", purpose: "lock", replication: "leaderless", replicas: ["redis1", "redis2", "redis3", "redis4", "redis5"], readQuorum: 3, writeQuorum: 3, readRepair: "none", conflictResolution: "lww", fencing: false },
    { id: "etcd-locks", name: "etcd leases", purpose: "lock", replication: "consensus", protocol: "raft", replicas: ["etcd1", "etcd2", "etcd3"], leader: "etcd1", readMode: "quorum", fencing: true },
  ],
  operations: [
    { id: "acquire-redlock", name: "Acquire job lock (Redlock)", store: "redlock", type: "write", consistency: "linearizable", clientRegion: "use1", latencySloMs: 20 },
    { id: "acquire-etcd", name: "Acquire job lease (etcd)", store: "etcd-locks", type: "write", consistency: "linearizable", clientRegion: "use1", latencySloMs: 30 },
    { id: "check-lease", name: "Check lease still held", store: "etcd-locks", type: "read", consistency: "linearizable", clientRegion: "use1", latencySloMs: 30 },
  ],
};
