/**
 * "Tidy layout". It used ELK's layered algorithm, which staggered zones diagonally and could put
 * zone b above zone a (issue 13); the arrangement is now `tidyLayout` (lib/design/layout.ts):
 * regions in order on one baseline, zones in order, nodes in a grid. This module keeps the old
 * entry points for their callers.
 */
import { tidyLayout } from "./layout";
import type { Design, Layout } from "./schema";

/** The tidy layout of every region, zone and node (deterministic: same design, same layout). */
export async function elkLayout(design: Design): Promise<Required<Pick<Layout, "regions" | "zones" | "nodes">>> {
  return tidyLayout(design);
}

/** The design with the tidy layout (what "Tidy layout" applies; undo restores the old one). */
export async function tidyWithElk(design: Design): Promise<Design> {
  return { ...design, layout: tidyLayout(design) };
}
