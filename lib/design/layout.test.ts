import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { designArbitrary } from "../analysis/arbitraries";
import { sameSemantics } from "./commands";
import { EXAMPLES } from "./examples/index";
import { NODE_HEIGHT, NODE_WIDTH, parentOf, resolveLayout, tidyLayout } from "./layout";
import { threeRegionDesign } from "./testing/three-regions";
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

const tidy = (design: Design): Design => ({ ...design, layout: tidyLayout(design) });

/** Canvas position of a node's top-left corner. */
function at(design: Design, id: string) {
  const layout = resolveLayout(design);
  const node = design.nodes!.find((n) => n.id === id)!;
  const parent = parentOf(design, node);
  const zone = parent.zone ? layout.zones[zoneKey(parent.region, parent.zone)] : { x: 0, y: 0 };
  return { x: layout.regions[parent.region].x + zone.x + layout.nodes[id].x, y: layout.regions[parent.region].y + zone.y + layout.nodes[id].y };
}

describe("tidyLayout (Tidy layout, and the default for designs without one)", () => {
  it.each([...EXAMPLES.map((e) => [e.slug, e.design] as const), ["three regions", threeRegionDesign] as const])(
    "lays out %s: frames nested, nothing overlapping, semantics untouched, valid",
    (_slug, design) => {
      const laid = tidy(design);
      expect(sameSemantics(laid, design)).toBe(true);
      expect(parseDesign(JSON.parse(JSON.stringify(laid))).ok).toBe(true);
      expectTidy(laid);
      expectTidy(design); // the default (no layout in the file) is the same arrangement
    },
  );

  it("lays out any valid design", () => {
    fc.assert(
      fc.property(designArbitrary, (design) => {
        const laid = tidy(design);
        expect(parseDesign(JSON.parse(JSON.stringify(laid))).ok).toBe(true);
        expectTidy(laid);
      }),
      { numRuns: 100 },
    );
  });

  it("is deterministic, and undoes a messy layout", () => {
    const design = EXAMPLES[0].design;
    expect(tidyLayout(design)).toEqual(tidyLayout(design));
    const messy = { ...tidy(design), layout: { ...tidyLayout(design), regions: { ...tidyLayout(design).regions, use1: { x: 900, y: 700, width: 300, height: 300 } } } };
    expect(tidyLayout(messy)).toEqual(tidyLayout(design));
  });

  it("keeps zone order and alignment: zone a before zone b, zones of a region on one line, same-sized siblings", () => {
    for (const design of [threeRegionDesign, ...EXAMPLES.map((e) => e.design)]) {
      const layout = tidyLayout(design);
      for (const region of design.regions ?? []) {
        const zones = (region.zones ?? []).map((z) => layout.zones[zoneKey(region.id, z)]);
        const inRow = zones.every((z) => z.y === zones[0].y);
        const inColumn = zones.every((z) => z.x === zones[0].x);
        expect(inRow || inColumn, `${region.id}: zones in one row or one column`).toBe(true);
        zones.slice(1).forEach((z, i) => {
          const before = zones[i];
          // a left of b (in a row) or a above b (in a column): never staggered, never reversed
          if (inRow && zones.length > 1 && !inColumn) expect(z.x).toBeGreaterThanOrEqual(before.x + before.width);
          else expect(z.y).toBeGreaterThanOrEqual(before.y + before.height);
        });
        if (inRow) expect(new Set(zones.map((z) => z.height)).size).toBeLessThanOrEqual(1);
        if (inColumn) expect(new Set(zones.map((z) => z.width)).size).toBeLessThanOrEqual(1);
      }
    }
  });

  it("keeps region order: regions in document order, left to right, rows sharing a top edge and height", () => {
    for (const design of [threeRegionDesign, ...EXAMPLES.map((e) => e.design)]) {
      const layout = tidyLayout(design);
      const frames = (design.regions ?? []).map((r) => layout.regions[r.id]);
      frames.slice(1).forEach((f, i) => {
        const before = frames[i];
        if (f.y === before.y) {
          expect(f.x).toBeGreaterThan(before.x + before.width); // same row: to the right
          expect(f.height).toBe(before.height);
        } else expect(f.y).toBeGreaterThan(before.y + before.height); // next row: below
      });
    }
  });

  it("puts a zone's nodes on a grid in document order", () => {
    const design = { ...threeRegionDesign, nodes: [...threeRegionDesign.nodes!, ...[1, 2, 3].map((i) => ({ id: `x${i}`, name: `x${i}`, kind: "service", region: "use1", zone: "a" }))] };
    const ids = design.nodes.filter((n) => n.region === "use1" && n.zone === "a").map((n) => n.id);
    const points = ids.map((id) => tidyLayout(design).nodes[id]);
    expect(new Set(points.map((p) => p.x)).size).toBe(2); // five cards: two columns
    points.slice(1).forEach((p, i) => expect(p.y > points[i].y || (p.y === points[i].y && p.x > points[i].x)).toBe(true));
  });

  it("opens the three-region design of the issue at a readable zoom on a 1440×900 screen's canvas", () => {
    const layout = tidyLayout(threeRegionDesign);
    const frames = Object.values(layout.regions);
    const width = Math.max(...frames.map((f) => f.x + f.width));
    const height = Math.max(...frames.map((f) => f.y + f.height));
    // The canvas is about 930×610 px with the panels open; "fit" keeps a 24 px margin.
    const zoom = Math.min((930 - 48) / width, (610 - 48) / height);
    expect(zoom * 12).toBeGreaterThanOrEqual(11); // the smallest card text is 12 px
    expect(frames.map((f) => f.y)).toEqual([0, 0, 0]); // one row, in order
    expect(at(threeRegionDesign, "ledger-3").x).toBeGreaterThan(at(threeRegionDesign, "ledger-1").x);
  });
});
