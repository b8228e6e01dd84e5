import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { designArbitrary } from "../analysis/arbitraries";
import { sameSemantics } from "./commands";
import { tidyWithElk } from "./elk-layout";
import { EXAMPLES } from "./examples/index";
import { NODE_HEIGHT, NODE_WIDTH, parentOf, resolveLayout } from "./layout";
import { zoneKey, type Design, type Frame } from "./schema";
import { parseDesign } from "./validate";

const overlaps = (a: Frame, b: Frame) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Frame, outer: { width: number; height: number }) => inner.x >= 0 && inner.y >= 0 && inner.x + inner.width <= outer.width && inner.y + inner.height <= outer.height;
const box = (p: { x: number; y: number }): Frame => ({ ...p, width: NODE_WIDTH, height: NODE_HEIGHT });

/** Every frame and node where it belongs, and nothing on top of a sibling. */
function expectTidy(design: Design) {
  const layout = resolveLayout(design);
  const regions = design.regions ?? [];
  regions.forEach((a, i) => regions.slice(i + 1).forEach((b) => expect(overlaps(layout.regions[a.id], layout.regions[b.id]), `${a.id} / ${b.id}`).toBe(false)));
  for (const region of regions) {
    const outer = layout.regions[region.id];
    const zones = (region.zones ?? []).map((z) => layout.zones[zoneKey(region.id, z)]);
    zones.forEach((z, i) => {
      expect(inside(z, outer), `zone ${region.id}/${region.zones![i]} inside its region`).toBe(true);
      zones.slice(i + 1).forEach((other) => expect(overlaps(z, other)).toBe(false));
    });
  }
  const nodes = design.nodes ?? [];
  for (const node of nodes) {
    const parent = parentOf(design, node);
    const frame = parent.zone ? layout.zones[zoneKey(parent.region, parent.zone)] : layout.regions[parent.region];
    expect(inside(box(layout.nodes[node.id]), frame), `node ${node.id} inside its frame`).toBe(true);
    for (const other of nodes) {
      if (other.id <= node.id) continue;
      const p = parentOf(design, other);
      if (p.region === parent.region && p.zone === parent.zone) expect(overlaps(box(layout.nodes[node.id]), box(layout.nodes[other.id])), `${node.id} / ${other.id}`).toBe(false);
    }
  }
}

describe("tidyWithElk (Tidy layout)", () => {
  it.each(EXAMPLES.map((e) => [e.slug, e.design] as const))("lays out %s: frames nested, nothing overlapping, semantics untouched, valid", async (_slug, design) => {
    const tidy = await tidyWithElk(design);
    expect(sameSemantics(tidy, design)).toBe(true);
    expect(parseDesign(JSON.parse(JSON.stringify(tidy))).ok).toBe(true);
    expectTidy(tidy);
  });

  it("lays out any valid design the same way", async () => {
    await fc.assert(
      fc.asyncProperty(designArbitrary, async (design) => {
        const tidy = await tidyWithElk(design);
        expect(parseDesign(JSON.parse(JSON.stringify(tidy))).ok).toBe(true);
        expectTidy(tidy);
      }),
      { numRuns: 40 },
    );
    // ELK lays out 40 designs: a second or two on an idle machine, more on a busy 2-core one.
  }, 30_000);

  it("is deterministic", async () => {
    const design = EXAMPLES[0].design;
    expect(await tidyWithElk(design)).toEqual(await tidyWithElk(design));
  });

  it("puts a store's replicas after their leader (edges run left to right)", async () => {
    const raft = EXAMPLES.find((e) => e.slug === "raft-ledger")!.design;
    const tidy = await tidyWithElk(raft);
    const layout = resolveLayout(tidy);
    const x = (id: string) => {
      const node = tidy.nodes!.find((n) => n.id === id)!;
      const parent = parentOf(tidy, node);
      return layout.regions[parent.region].x + (parent.zone ? layout.zones[zoneKey(parent.region, parent.zone)].x : 0) + layout.nodes[id].x;
    };
    expect(x("ledger-2")).toBeGreaterThan(x("ledger-1"));
    expect(x("ledger-3")).toBeGreaterThan(x("ledger-1"));
  });
});
