import type { Design } from "../schema";
import { cassandraTwoDc } from "./cassandra-two-dc";
import { cockroachMultiRegion } from "./cockroach-multi-region";
import { crdtCounters } from "./crdt-counters";
import { dynamoRing } from "./dynamo-ring";
import { jobScheduler } from "./job-scheduler";
import { postgresPrimary } from "./postgres-primary";
import { raftLedger } from "./raft-ledger";
import { singleNode } from "./single-node";

export interface Example {
  /** Stable slug, used by "New from example", the seed and examples/<slug>.json. */
  slug: string;
  title: string;
  /** The point the example makes, shown in the picker. */
  blurb: string;
  design: Design;
}

/**
 * The templates offered by "New from example" and seeded into an empty database. What each one
 * shows, and the published source behind it: docs/templates.md.
 */
export const EXAMPLES: readonly Example[] = [
  {
    slug: "raft-ledger",
    title: "Three-region Raft ledger",
    blurb: "One consensus group across three regions: linearizable writes that survive a region loss, paid for in cross-region round trips.",
    design: raftLedger,
  },
  {
    slug: "cockroach-multi-region",
    title: "CockroachDB multi-region (survive region failure)",
    blurb: "Five voters placed 2 + 2 + 1 across three regions survive a region loss; a non-voting replica gives a fourth region local reads at most 10 s stale.",
    design: cockroachMultiRegion,
  },
  {
    slug: "dynamo-ring",
    title: "Dynamo shopping cart (N=3, R=2, W=2)",
    blurb: "Amazon's cart as published: sloppy quorums and hinted handoff keep it always writable (AP, PA/EL), so it is only eventually consistent even though R + W > N.",
    design: dynamoRing,
  },
  {
    slug: "cassandra-two-dc",
    title: "Cassandra across two datacenters",
    blurb: "LOCAL_QUORUM stays fast but is eventual across datacenters; EACH_QUORUM writes let every local read see them, yet linearizable still needs lightweight transactions.",
    design: cassandraTwoDc,
  },
  {
    slug: "postgres-primary",
    title: "PostgreSQL primary with sync and async replicas",
    blurb: "A synchronous standby protects writes, an async replica serves reports: one primary still caps write availability at one node's and waits for a failover when its zone is lost.",
    design: postgresPrimary,
  },
  {
    slug: "job-scheduler",
    title: "Job scheduler: Redlock vs etcd locks",
    blurb: "The same lock two ways: Redlock has no fencing tokens and relies on timing; an etcd lease is linearizable and fenced.",
    design: jobScheduler,
  },
  {
    slug: "crdt-counters",
    title: "CRDT counters at the edge",
    blurb: "Every region accepts increments locally and counts converge: always available, eventually consistent, lag across oceans.",
    design: crdtCounters,
  },
  {
    slug: "single-node",
    title: "Single node (level 0)",
    blurb: "Sometimes one database is the right design: the ladder stops at level 0.",
    design: singleNode,
  },
];

export function findExample(slug: string): Example | undefined {
  return EXAMPLES.find((e) => e.slug === slug);
}
