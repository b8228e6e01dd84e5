import type { Design } from "../schema";

/** A Dynamo-style ring: tunable R and W per operation, and what each setting costs. */
export const dynamoRing: Design = {
  format: "quorum-studio/design@1",
  name: "Shopping cart (Dynamo-style ring)",
  context: {
    purpose: "Always-writable shopping carts: a cart must accept adds during a partition; reads may be slightly stale.",
    dataModel: "key-value",
    availabilityTarget: 0.9999,
    partitionTolerance: "must-handle",
    eventualOk: true,
  },
  defaults: { intraRegionRttMs: 1, nodeAvailability: 0.995 },
  regions: [
    { id: "use1", name: "us-east-1", zones: ["a", "b", "c"] },
    { id: "usw2", name: "us-west-2", zones: ["a", "b"] },
  ],
  links: [{ a: "use1", b: "usw2", rttMs: 65 }],
  nodes: [
    { id: "kv1", name: "kv-1", kind: "database", region: "use1", zone: "a" },
    { id: "kv2", name: "kv-2", kind: "database", region: "use1", zone: "b" },
    { id: "kv3", name: "kv-3", kind: "database", region: "use1", zone: "c" },
    { id: "kv4", name: "kv-4", kind: "database", region: "usw2", zone: "a" },
    { id: "kv5", name: "kv-5", kind: "database", region: "usw2", zone: "b" },
    { id: "cart-api", name: "cart API", kind: "service", region: "use1", zone: "a" },
  ],
  stores: [
    {
      id: "carts",
      name: "Carts",
      purpose: "data",
      replication: "leaderless",
      replicas: ["kv1", "kv2", "kv3", "kv4", "kv5"],
      readQuorum: 2,
      writeQuorum: 2,
      sessionGuarantees: true,
      conflictResolution: "crdt",
      sharding: { strategy: "consistent-hash", shards: 64, partitionKey: "cart_id", vnodes: 256 },
    },
  ],
  operations: [
    { id: "add-item", name: "Add item to cart", store: "carts", type: "write", consistency: "eventual", clientRegion: "use1", latencySloMs: 20 },
    { id: "remove-item", name: "Remove item from cart", store: "carts", type: "write", consistency: "eventual", clientRegion: "use1", latencySloMs: 20 },
    { id: "view-cart", name: "View cart", store: "carts", type: "read", consistency: "session", clientRegion: "use1", latencySloMs: 20 },
    { id: "checkout-read", name: "Read cart at checkout", store: "carts", type: "read", consistency: "linearizable", clientRegion: "usw2", quorum: 4, latencySloMs: 150 },
  ],
};
