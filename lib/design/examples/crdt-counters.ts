import type { Design } from "../schema";

/** Like counters at the edge: every region writes locally and CRDTs merge. */
export const crdtCounters: Design = {
  format: "quorum-studio/design@1",
  name: "Like counters at the edge (CRDT)",
  context: {
    purpose: "Counts likes and views on posts worldwide. Every edge region accepts increments locally; counts converge without coordination.",
    dataModel: "key-value",
    availabilityTarget: 0.9999,
    partitionTolerance: "must-handle",
    eventualOk: true,
    presenceOnly: false,
    // Every region accepts increments and serves reads on its own: losing a whole region loses
    // nothing the others need.
    survivalGoal: "region",
  },
  defaults: { intraRegionRttMs: 1, nodeAvailability: 0.999 },
  regions: [
    { id: "use1", name: "us-east-1" },
    { id: "euw1", name: "eu-west-1" },
    { id: "apne1", name: "ap-northeast-1" },
    { id: "sae1", name: "sa-east-1" },
  ],
  links: [
    { a: "use1", b: "euw1", rttMs: 75 },
    { a: "use1", b: "apne1", rttMs: 150 },
    { a: "use1", b: "sae1", rttMs: 115 },
    { a: "euw1", b: "apne1", rttMs: 210 },
    { a: "euw1", b: "sae1", rttMs: 185 },
    { a: "apne1", b: "sae1", rttMs: 255 },
  ],
  nodes: [
    { id: "edge-us", name: "edge-us", kind: "cache", region: "use1" },
    { id: "edge-eu", name: "edge-eu", kind: "cache", region: "euw1" },
    { id: "edge-ap", name: "edge-ap", kind: "cache", region: "apne1" },
    { id: "edge-sa", name: "edge-sa", kind: "cache", region: "sae1" },
  ],
  stores: [
    {
      id: "counters",
      name: "Counters",
      purpose: "data",
      replication: "crdt",
      replicas: ["edge-us", "edge-eu", "edge-ap", "edge-sa"],
      conflictResolution: "crdt",
      sessionGuarantees: true,
      sharding: { strategy: "geo", partitionKey: "post_id" },
    },
  ],
  operations: [
    { id: "like", name: "Like a post (increment)", store: "counters", type: "write", consistency: "eventual", clientRegion: "euw1", latencySloMs: 10 },
    { id: "view", name: "Count a view", store: "counters", type: "write", consistency: "eventual", clientRegion: "apne1", latencySloMs: 10 },
    { id: "read-count", name: "Show like count", store: "counters", type: "read", consistency: "session", clientRegion: "sae1", latencySloMs: 10 },
  ],
};
