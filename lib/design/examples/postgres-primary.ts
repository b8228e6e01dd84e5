import type { Design } from "../schema";

/** PostgreSQL with a synchronous standby in another zone and an async reporting replica. */
export const postgresPrimary: Design = {
  format: "quorum-studio/design@1",
  name: "Orders on PostgreSQL (sync + async replicas)",
  context: {
    purpose: "Order management for one market. A synchronous standby protects writes; an asynchronous replica in another region serves reporting.",
    dataModel: "relational",
    availabilityTarget: 0.999,
    partitionTolerance: "must-handle",
    eventualOk: false,
    // The synchronous standby sits in another zone precisely so that losing a zone loses no
    // acknowledged order: the design's goal is zone survival. Whether a single primary meets it is
    // what the analysis checks (it does not without a failover).
    survivalGoal: "zone",
  },
  defaults: { intraRegionRttMs: 1, nodeAvailability: 0.999 },
  regions: [
    { id: "euc1", name: "eu-central-1", zones: ["a", "b"] },
    { id: "euw1", name: "eu-west-1", zones: ["a"] },
  ],
  links: [{ a: "euc1", b: "euw1", rttMs: 25 }],
  nodes: [
    { id: "pg-primary", name: "pg-primary", kind: "database", region: "euc1", zone: "a" },
    { id: "pg-standby", name: "pg-standby (sync)", kind: "database", region: "euc1", zone: "b" },
    { id: "pg-dr", name: "pg-dr (potential sync)", kind: "database", region: "euw1", zone: "a" },
    { id: "pg-reporting", name: "pg-reporting", kind: "database", region: "euw1", zone: "a" },
    { id: "pgbouncer", name: "PgBouncer", kind: "load-balancer", region: "euc1", zone: "a" },
  ],
  stores: [
    {
      id: "orders",
      name: "Orders",
      purpose: "data",
      replication: "primary-sync",
      protocol: "postgres-streaming",
      replicas: ["pg-primary", "pg-standby", "pg-dr"],
      leader: "pg-primary",
      // synchronous_standby_names = 'FIRST 1 (pg_standby, pg_dr)': every commit waits for the
      // primary and one standby (pg-standby; pg-dr takes over as the synchronous one if it fails).
      writeQuorum: 2,
      readMode: "leader",
      // Patroni's default leader-key TTL (ttl: 30): a dead primary is replaced after about 30 s.
      failoverMs: 30000,
      fencing: true,
      sharding: { strategy: "none" },
    },
    {
      id: "reporting",
      name: "Reporting copy",
      purpose: "data",
      replication: "primary-async",
      replicas: ["pg-primary", "pg-reporting"],
      leader: "pg-primary",
      readMode: "follower",
      fencing: true,
    },
  ],
  operations: [
    { id: "create-order", name: "Create order", store: "orders", type: "write", consistency: "linearizable", clientRegion: "euc1", latencySloMs: 50 },
    { id: "read-order", name: "Read order", store: "orders", type: "read", consistency: "linearizable", clientRegion: "euc1", latencySloMs: 20 },
    { id: "order-history", name: "Order history", store: "orders", type: "read", consistency: "consistent-prefix", clientRegion: "euw1", readMode: "follower", latencySloMs: 20 },
    { id: "daily-report", name: "Daily revenue report", store: "reporting", type: "read", consistency: "eventual", clientRegion: "euw1" },
  ],
};
