import type { Design } from "../schema";

/** Three regions, one Raft group: strong writes survive a region loss, at a latency price. */
export const raftLedger: Design = {
  format: "quorum-studio/design@1",
  name: "Global ledger (3-region Raft)",
  context: {
    purpose: "Account balances and transfers for a payments platform; no lost or double-applied transfer.",
    dataModel: "relational",
    availabilityTarget: 0.9999,
    partitionTolerance: "must-handle",
    singleNodeSufficient: false,
    sharedState: true,
    eventualOk: false,
    // One voter per region: the ledger is meant to keep accepting transfers when a whole region is
    // lost, so the design says so and the analysis checks it.
    survivalGoal: "region",
  },
  defaults: { intraRegionRttMs: 1, nodeAvailability: 0.999 },
  regions: [
    { id: "use1", name: "us-east-1", zones: ["a", "b"] },
    { id: "euw1", name: "eu-west-1", zones: ["a", "b"] },
    { id: "apse1", name: "ap-southeast-1", zones: ["a"] },
  ],
  links: [
    { a: "use1", b: "euw1", rttMs: 75 },
    { a: "use1", b: "apse1", rttMs: 215 },
    { a: "euw1", b: "apse1", rttMs: 160 },
  ],
  nodes: [
    { id: "lb-use1", name: "edge LB", kind: "load-balancer", region: "use1", zone: "a" },
    { id: "api-use1", name: "ledger API", kind: "service", region: "use1", zone: "b" },
    { id: "ledger-1", name: "ledger-1", kind: "database", region: "use1", zone: "a" },
    { id: "ledger-2", name: "ledger-2", kind: "database", region: "euw1", zone: "a" },
    { id: "ledger-3", name: "ledger-3", kind: "database", region: "apse1", zone: "a" },
    { id: "api-euw1", name: "ledger API", kind: "service", region: "euw1", zone: "b" },
  ],
  stores: [
    {
      id: "ledger",
      name: "Ledger",
      purpose: "data",
      replication: "consensus",
      protocol: "raft",
      replicas: ["ledger-1", "ledger-2", "ledger-3"],
      leader: "ledger-1",
      readMode: "quorum",
      // etcd's tuning guide: the election timeout should be at least 10 × the round-trip time
      // between members; the longest here is 215 ms (us-east-1 ↔ ap-southeast-1), so 1000 ms (the
      // default, sized for a LAN) would trigger spurious elections.
      electionTimeoutMs: 2500,
      conflictResolution: "none",
      fencing: true,
      sharding: { strategy: "range", shards: 8, partitionKey: "account_id" },
    },
  ],
  operations: [
    { id: "transfer", name: "Post transfer", store: "ledger", type: "write", consistency: "linearizable", clientRegion: "use1", latencySloMs: 250 },
    { id: "balance", name: "Read balance", store: "ledger", type: "read", consistency: "linearizable", clientRegion: "euw1", readMode: "lease", latencySloMs: 150 },
    { id: "statement", name: "Monthly statement", store: "ledger", type: "read", consistency: "consistent-prefix", clientRegion: "apse1", readMode: "follower", latencySloMs: 50 },
  ],
};
