import type { Design } from "../schema";

/** Level 0 on the escalation ladder: one database is enough, and that is a fine answer. */
export const singleNode: Design = {
  format: "quorum-studio/design@1",
  name: "Internal wiki (single node, level 0)",
  context: {
    purpose: "An internal wiki for 200 people. Minutes of downtime a month are acceptable; backups cover data loss.",
    dataModel: "relational",
    availabilityTarget: 0.99,
    partitionTolerance: "single-datacenter",
    singleNodeSufficient: true,
    // Said out loud: one node survives no zone or node loss, and the purpose accepts that.
    survivalGoal: "none",
  },
  defaults: { intraRegionRttMs: 1, nodeAvailability: 0.999 },
  regions: [{ id: "office", name: "office DC" }],
  links: [],
  nodes: [
    { id: "db", name: "postgres", kind: "database", region: "office" },
    { id: "app", name: "wiki app", kind: "service", region: "office" },
  ],
  stores: [{ id: "wiki", name: "Wiki DB", purpose: "data", replication: "primary-sync", protocol: "postgres", replicas: ["db"], fencing: true }],
  operations: [
    { id: "edit-page", name: "Edit page", store: "wiki", type: "write", consistency: "linearizable", latencySloMs: 50 },
    { id: "read-page", name: "Read page", store: "wiki", type: "read", consistency: "linearizable", latencySloMs: 50 },
  ],
};
