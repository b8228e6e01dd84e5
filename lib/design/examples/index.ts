import type { Design } from "../schema";
import { raftLedger } from "./raft-ledger";

export interface Example {
  /** Stable slug, used by "New from example" and the seed. */
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
];

export function findExample(slug: string): Example | undefined {
  return EXAMPLES.find((e) => e.slug === slug);
}
