import type { Design } from "../schema";

/**
 * Amazon's shopping cart on Dynamo, as DeCandia et al. describe it (SOSP 2007): N = 3 replicas of
 * each key spread across data centres, R = 2, W = 2 ("the common (N,R,W) configuration used by
 * several instances of Dynamo is (3,2,2)"), sloppy quorums with hinted handoff ("all read and write
 * operations are performed on the first N healthy nodes from the preference list"), read repair
 * after the answer has been returned (asynchronous), and vector clocks with application merge
 * ("add to cart" is never lost; a deleted item can resurface). Always writable, eventually
 * consistent, PA/EL in Abadi's PACELC.
 */
export const dynamoRing: Design = {
  format: "quorum-studio/design@1",
  name: "Shopping cart (Dynamo-style ring)",
  context: {
    purpose:
      "Amazon-style shopping carts: a cart must accept adds and removes even while nodes or a data centre are down (\"always writeable\"); a read may miss a recent change, and divergent versions are merged by the application (union of items).",
    dataModel: "key-value",
    availabilityTarget: 0.9999,
    partitionTolerance: "must-handle",
    eventualOk: true,
    // Dynamo spreads each key's preference list over data centres so that it can "handle entire
    // data center failures without a data outage": with hinted handoff every cart operation
    // survives the loss of a whole region.
    survivalGoal: "region",
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
    { id: "kv3", name: "kv-3", kind: "database", region: "usw2", zone: "a" },
    { id: "cart-api", name: "cart API", kind: "service", region: "use1", zone: "c" },
  ],
  stores: [
    {
      id: "carts",
      name: "Carts (preference list of a key)",
      purpose: "data",
      replication: "leaderless",
      protocol: "dynamo",
      replicas: ["kv1", "kv2", "kv3"],
      readQuorum: 2,
      writeQuorum: 2,
      // Section 5: the coordinator repairs stale replicas after the read response has been returned.
      readRepair: "async",
      // Section 4.6: sloppy quorum and hinted handoff.
      sloppyQuorum: true,
      // Section 4.4: vector clocks; the cart application reconciles divergent versions.
      conflictResolution: "vector-clocks",
      sharding: { strategy: "consistent-hash", partitionKey: "cart_id", vnodes: 256 },
    },
  ],
  operations: [
    // 300 ms: Dynamo's SLA, "a response within 300ms for 99.9% of its requests".
    { id: "add-item", name: "Add item to cart", store: "carts", type: "write", consistency: "eventual", clientRegion: "use1", latencySloMs: 300 },
    { id: "remove-item", name: "Remove item from cart", store: "carts", type: "write", consistency: "eventual", clientRegion: "use1", latencySloMs: 300 },
    { id: "view-cart", name: "View cart", store: "carts", type: "read", consistency: "eventual", clientRegion: "use1", latencySloMs: 300 },
    { id: "view-cart-west", name: "View cart (west coast)", store: "carts", type: "read", consistency: "eventual", clientRegion: "usw2", latencySloMs: 300 },
  ],
};
