import type { Design } from "../schema";

/**
 * A Cassandra keyspace replicated with NetworkTopologyStrategy {us_east: 3, eu_west: 3} across two
 * datacenters, each DC's three replicas on three racks (= availability zones, as
 * GossipingPropertyFileSnitch / Ec2MultiRegionSnitch map them).
 *
 * Two tables, because what a read sees depends on every write to the same data:
 * - `user_activity` is written at LOCAL_QUORUM from both DCs and read at LOCAL_QUORUM: fast and
 *   local, but a read in one DC does not overlap a write acknowledged in the other ("reads are
 *   guaranteed to see the latest write from within the same datacenter", Apache Cassandra docs,
 *   "Picking Consistency Levels"): eventual across DCs, PA/EL.
 * - `accounts` is written only at EACH_QUORUM (a majority in every DC before the write is
 *   acknowledged) and read at LOCAL_QUORUM: every local read overlaps every write, so a read in
 *   either DC sees every acknowledged write (strong reads, stale probability 0), at the price of a
 *   cross-DC round trip per write and no writes while a DC is down. It is still not linearizable:
 *   blocking read repair writes back "to only the replicas involved in the request" (DataStax,
 *   "Read Repair"), i.e. a local quorum, so while a write is in flight a check in one DC can
 *   return it and a later check in the other DC the older value; and concurrent writes are
 *   ordered by cell timestamps (last write wins). Linearizable needs lightweight transactions
 *   (SERIAL / LOCAL_SERIAL).
 *
 * Cassandra 4.0 tables default to `read_repair = 'BLOCKING'` ("monotonic quorum reads"). The
 * store's writeQuorum is what that read repair writes back to (a local quorum); every write sets
 * its own consistency level.
 */
export const cassandraTwoDc: Design = {
  format: "quorum-studio/design@1",
  name: "User data on Cassandra (two datacenters, RF 3 + 3)",
  context: {
    purpose:
      "A consumer app served from us-east-1 and eu-west-1. Users write their activity in their nearest DC and may see the other DC's entries a little later. Account status is meant to be linearizable: once a suspension is acknowledged, or any check has seen it, every later check in either DC must see it.",
    dataModel: "key-value",
    availabilityTarget: 0.9999,
    partitionTolerance: "must-handle",
    eventualOk: false,
    // Zone: each DC's three replicas sit on three racks (AZs), so LOCAL_QUORUM and EACH_QUORUM
    // keep working when a rack is lost. A whole DC is not survived in place: LOCAL_QUORUM callers
    // fail over to the other DC (the driver's DC-aware policy), and EACH_QUORUM writes stop by
    // design until the DC is back. Survival goal "region" would flag exactly that.
    survivalGoal: "zone",
  },
  defaults: { intraRegionRttMs: 1, nodeAvailability: 0.999 },
  regions: [
    { id: "use1", name: "us-east-1", zones: ["a", "b", "c"] },
    { id: "euw1", name: "eu-west-1", zones: ["a", "b", "c"] },
  ],
  links: [{ a: "use1", b: "euw1", rttMs: 76 }],
  nodes: [
    { id: "cass-use1-a", name: "cassandra us-east-1a", kind: "database", region: "use1", zone: "a" },
    { id: "cass-use1-b", name: "cassandra us-east-1b", kind: "database", region: "use1", zone: "b" },
    { id: "cass-use1-c", name: "cassandra us-east-1c", kind: "database", region: "use1", zone: "c" },
    { id: "cass-euw1-a", name: "cassandra eu-west-1a", kind: "database", region: "euw1", zone: "a" },
    { id: "cass-euw1-b", name: "cassandra eu-west-1b", kind: "database", region: "euw1", zone: "b" },
    { id: "cass-euw1-c", name: "cassandra eu-west-1c", kind: "database", region: "euw1", zone: "c" },
    { id: "api-use1", name: "app (us-east-1)", kind: "service", region: "use1", zone: "a" },
    { id: "api-euw1", name: "app (eu-west-1)", kind: "service", region: "euw1", zone: "a" },
  ],
  stores: [
    {
      id: "activity",
      name: "user_activity (LOCAL_QUORUM)",
      purpose: "data",
      replication: "leaderless",
      protocol: "cassandra",
      replicas: ["cass-use1-a", "cass-use1-b", "cass-use1-c", "cass-euw1-a", "cass-euw1-b", "cass-euw1-c"],
      readQuorum: "local-quorum",
      writeQuorum: "local-quorum",
      readRepair: "blocking",
      sloppyQuorum: false,
      conflictResolution: "lww",
      sharding: { strategy: "consistent-hash", partitionKey: "user_id", vnodes: 16 },
    },
    {
      id: "accounts",
      name: "accounts (EACH_QUORUM writes)",
      purpose: "data",
      replication: "leaderless",
      protocol: "cassandra",
      replicas: ["cass-use1-a", "cass-use1-b", "cass-use1-c", "cass-euw1-a", "cass-euw1-b", "cass-euw1-c"],
      readQuorum: "local-quorum",
      // What blocking read repair writes back to (the replicas a LOCAL_QUORUM read contacted);
      // the writes themselves use EACH_QUORUM (operation quorum below).
      writeQuorum: "local-quorum",
      readRepair: "blocking",
      sloppyQuorum: false,
      conflictResolution: "lww",
      sharding: { strategy: "consistent-hash", partitionKey: "user_id", vnodes: 16 },
    },
  ],
  operations: [
    { id: "record-activity-us", name: "Record activity (US, LOCAL_QUORUM)", store: "activity", type: "write", consistency: "eventual", clientRegion: "use1", latencySloMs: 10 },
    { id: "record-activity-eu", name: "Record activity (EU, LOCAL_QUORUM)", store: "activity", type: "write", consistency: "eventual", clientRegion: "euw1", latencySloMs: 10 },
    { id: "read-activity-us", name: "Read activity feed (US, LOCAL_QUORUM)", store: "activity", type: "read", consistency: "eventual", clientRegion: "use1", latencySloMs: 10 },
    { id: "read-activity-eu", name: "Read activity feed (EU, LOCAL_QUORUM)", store: "activity", type: "read", consistency: "eventual", clientRegion: "euw1", latencySloMs: 10 },
    { id: "suspend-user", name: "Suspend user (US, EACH_QUORUM)", store: "accounts", type: "write", consistency: "linearizable", clientRegion: "use1", quorum: "each-quorum", latencySloMs: 150 },
    { id: "check-account-us", name: "Check account status (US, LOCAL_QUORUM)", store: "accounts", type: "read", consistency: "linearizable", clientRegion: "use1", latencySloMs: 10 },
    { id: "check-account-eu", name: "Check account status (EU, LOCAL_QUORUM)", store: "accounts", type: "read", consistency: "linearizable", clientRegion: "euw1", latencySloMs: 10 },
  ],
};
