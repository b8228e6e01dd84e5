/**
 * The design of the issue-13 walk: three regions, thirteen nodes, four stores (a Raft ledger over
 * every region, a leaderless cache, an etcd lock service, an async-replicated event log). Used by
 * the canvas tests (readable at fit, no edge through a card) and the screenshot script.
 */
import type { Design } from "../schema";

export const threeRegionDesign: Design = {
  format: "quorum-studio/design@1",
  name: "Payments (three regions)",
  regions: [
    { id: "use1", name: "us-east-1", zones: ["a", "b", "c"] },
    { id: "euw1", name: "eu-west-1", zones: ["a", "b"] },
    { id: "apse1", name: "ap-southeast-1", zones: ["a", "b"] },
  ],
  links: [
    { a: "use1", b: "euw1", rttMs: 75 },
    { a: "use1", b: "apse1", rttMs: 215 },
    { a: "euw1", b: "apse1", rttMs: 160 },
  ],
  nodes: [
    { id: "api-use1", name: "payments API", kind: "service", region: "use1", zone: "a" },
    { id: "ledger-1", name: "ledger-1", kind: "database", region: "use1", zone: "a" },
    { id: "ledger-2", name: "ledger-2", kind: "database", region: "use1", zone: "b" },
    { id: "cache-use1", name: "session cache", kind: "cache", region: "use1", zone: "b" },
    { id: "etcd-1", name: "etcd-1", kind: "lock", region: "use1", zone: "c" },
    { id: "log-use1", name: "event log", kind: "broker", region: "use1", zone: "c" },
    { id: "ledger-3", name: "ledger-3", kind: "database", region: "euw1", zone: "a" },
    { id: "cache-euw1", name: "session cache EU", kind: "cache", region: "euw1", zone: "a" },
    { id: "etcd-2", name: "etcd-2", kind: "lock", region: "euw1", zone: "b" },
    { id: "log-euw1", name: "event log EU", kind: "broker", region: "euw1", zone: "b" },
    { id: "ledger-4", name: "ledger-4", kind: "database", region: "apse1", zone: "a" },
    { id: "cache-apse1", name: "session cache AP", kind: "cache", region: "apse1", zone: "a" },
    { id: "etcd-3", name: "etcd-3", kind: "lock", region: "apse1", zone: "b" },
  ],
  stores: [
    { id: "ledger", name: "Ledger", purpose: "data", replication: "consensus", protocol: "raft", replicas: ["ledger-1", "ledger-2", "ledger-3", "ledger-4"], leader: "ledger-1" },
    { id: "sessions", name: "Sessions", purpose: "cache", replication: "leaderless", replicas: ["cache-use1", "cache-euw1", "cache-apse1"], readQuorum: 1, writeQuorum: 2 },
    { id: "locks", name: "Locks", purpose: "lock", replication: "consensus", protocol: "raft", replicas: ["etcd-1", "etcd-2", "etcd-3"], leader: "etcd-1" },
    { id: "events", name: "Events", purpose: "data", replication: "primary-async", replicas: ["log-use1", "log-euw1"], leader: "log-use1" },
  ],
} as Design;
