import type { Design } from "../schema";
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

/** The templates offered by "New from example" and seeded into an empty database. */
export const EXAMPLES: readonly Example[] = [
  {
    slug: "raft-ledger",
    title: "Three-region Raft ledger",
    blurb: "One consensus group across three regions: linearizable writes that survive a region loss, paid for in cross-region round trips.",
    design: raftLedger,
  },
  {
    slug: "dynamo-ring",
    title: "Dynamo-style ring with tunable R/W",
    blurb: "Leaderless carts: R=W=2 of 5 is fast and always writable but 30 % of reads can be stale; a read at R=4 is consistent and costs availability.",
    design: dynamoRing,
  },
  {
    slug: "postgres-primary",
    title: "PostgreSQL primary with sync and async replicas",
    blurb: "A synchronous standby protects writes, an async replica serves reports: one primary still caps write availability at one node's.",
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
