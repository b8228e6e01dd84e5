import type { Design } from "../schema";

/**
 * A CockroachDB multi-region database with `SURVIVE REGION FAILURE`: each range has 5 voting
 * replicas "spread across the 3 regions (2+2+1=5)" (CockroachDB docs, Multi-Region Survival Goals),
 * the leaseholder in the primary region us-east1, and a non-voting replica in the fourth database
 * region (asia-northeast1) so that stale reads are local there too ("You can get fast stale reads
 * from all database regions", ALTER DATABASE ... PLACEMENT DEFAULT). Writes commit on a Raft
 * majority, so they pay a round trip to the nearest other region ("write latency will be increased
 * by at least as much as the round-trip time to the nearest region"); strongly consistent reads are
 * served by the leaseholder (lease reads); bounded-staleness follower reads
 * (`AS OF SYSTEM TIME with_max_staleness('10s')`) are served by the nearest replica, voting or not.
 */
export const cockroachMultiRegion: Design = {
  format: "quorum-studio/design@1",
  name: "Orders on CockroachDB (multi-region, SURVIVE REGION FAILURE)",
  context: {
    purpose:
      "Orders for a global shop. The orders table is homed in us-east1 and must stay readable and writable through the loss of any one region; the catalogue pages in every region may show order counts a few seconds old.",
    dataModel: "relational",
    availabilityTarget: 0.9999,
    partitionTolerance: "must-handle",
    eventualOk: false,
    // ALTER DATABASE shop SURVIVE REGION FAILURE.
    survivalGoal: "region",
  },
  defaults: { intraRegionRttMs: 1, nodeAvailability: 0.999 },
  regions: [
    { id: "use1", name: "us-east1", zones: ["b", "c", "d"] },
    { id: "usw1", name: "us-west1", zones: ["a", "b", "c"] },
    { id: "euw1", name: "europe-west1", zones: ["b", "c", "d"] },
    { id: "ane1", name: "asia-northeast1", zones: ["a", "b", "c"] },
  ],
  links: [
    { a: "use1", b: "usw1", rttMs: 65 },
    { a: "use1", b: "euw1", rttMs: 90 },
    { a: "usw1", b: "euw1", rttMs: 135 },
    { a: "use1", b: "ane1", rttMs: 155 },
    { a: "usw1", b: "ane1", rttMs: 90 },
    { a: "euw1", b: "ane1", rttMs: 220 },
  ],
  nodes: [
    { id: "crdb-use1-b", name: "crdb us-east1-b", kind: "database", region: "use1", zone: "b" },
    { id: "crdb-use1-c", name: "crdb us-east1-c", kind: "database", region: "use1", zone: "c" },
    { id: "crdb-usw1-a", name: "crdb us-west1-a", kind: "database", region: "usw1", zone: "a" },
    { id: "crdb-usw1-b", name: "crdb us-west1-b", kind: "database", region: "usw1", zone: "b" },
    { id: "crdb-euw1-b", name: "crdb europe-west1-b", kind: "database", region: "euw1", zone: "b" },
    { id: "crdb-ane1-a", name: "crdb asia-northeast1-a (non-voting)", kind: "database", region: "ane1", zone: "a" },
    { id: "app-use1", name: "app (us-east1)", kind: "service", region: "use1", zone: "d" },
    { id: "app-euw1", name: "app (europe-west1)", kind: "service", region: "euw1", zone: "c" },
    { id: "app-ane1", name: "app (asia-northeast1)", kind: "service", region: "ane1", zone: "b" },
  ],
  stores: [
    {
      id: "orders",
      name: "orders (REGIONAL BY TABLE IN us-east1)",
      purpose: "data",
      replication: "consensus",
      protocol: "raft",
      // 2 + 2 + 1 voters across three regions (num_voters = 5).
      replicas: ["crdb-use1-b", "crdb-use1-c", "crdb-usw1-a", "crdb-usw1-b", "crdb-euw1-b"],
      // The leaseholder (and Raft leader) in the primary region.
      leader: "crdb-use1-b",
      // The non-voting replica in the region without voters.
      learners: ["crdb-ane1-a"],
      // Reads go to the leaseholder.
      readMode: "lease",
      // Bounded-staleness follower reads: with_max_staleness('10s').
      maxStalenessMs: 10000,
      // Raft election timeout: 15 ticks × 200 ms = 3 s (COCKROACH_RAFT_ELECTION_TIMEOUT_TICKS).
      electionTimeoutMs: 3000,
      conflictResolution: "none",
      sharding: { strategy: "range", partitionKey: "id" },
    },
  ],
  operations: [
    { id: "place-order", name: "Place order", store: "orders", type: "write", consistency: "linearizable", clientRegion: "use1", latencySloMs: 150 },
    { id: "place-order-eu", name: "Place order (Europe)", store: "orders", type: "write", consistency: "linearizable", clientRegion: "euw1", latencySloMs: 250 },
    { id: "read-order", name: "Read order (leaseholder)", store: "orders", type: "read", consistency: "linearizable", clientRegion: "use1", latencySloMs: 20 },
    { id: "read-order-eu", name: "Read order from Europe (leaseholder)", store: "orders", type: "read", consistency: "linearizable", clientRegion: "euw1", latencySloMs: 150 },
    { id: "order-count-asia", name: "Order count, asia (follower read, max staleness 10 s)", store: "orders", type: "read", consistency: "bounded-staleness", clientRegion: "ane1", readMode: "follower", latencySloMs: 20 },
    { id: "order-count-eu", name: "Order count, Europe (follower read, max staleness 10 s)", store: "orders", type: "read", consistency: "bounded-staleness", clientRegion: "euw1", readMode: "follower", latencySloMs: 20 },
  ],
};
