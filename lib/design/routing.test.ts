import { describe, expect, it } from "vitest";
import { EXAMPLES } from "./examples/index";
import { resolveLayout } from "./layout";
import { cardRects, frameLabelRects, overlaps, routeStores, segmentCrossesRect } from "./routing";
import type { Design, Frame } from "./schema";
import { threeRegionDesign } from "./testing/three-regions";

const designs: [string, Design][] = [...EXAMPLES.map((e) => [e.slug, e.design] as [string, Design]), ["three regions, 13 nodes, 4 stores", threeRegionDesign]];

/** Every line segment of every store, with the store it belongs to. */
function segments(design: Design) {
  const routes = routeStores(design, resolveLayout(design))!;
  return routes.flatMap((r) => [...r.paths, ...r.learnerPaths].flatMap((p) => p.slice(1).map((b, i) => ({ store: r.store, a: p[i], b }))));
}

describe("replication lines (routeStores)", () => {
  it.each(designs)("%s: no line passes through a node card", (_name, design) => {
    const cards = cardRects(design);
    const crossing = segments(design).flatMap(({ store, a, b }) =>
      [...cards].filter(([, card]) => segmentCrossesRect(a, b, card)).map(([id]) => `${store} crosses ${id} (${a.x},${a.y})→(${b.x},${b.y})`),
    );
    expect(crossing).toEqual([]);
  });

  it.each(designs)("%s: every member is reached, with lines that run only across and down", (_name, design) => {
    const routes = routeStores(design)!;
    const cards = cardRects(design);
    for (const store of design.stores ?? []) {
      const route = routes.find((r) => r.store === store.id)!;
      const members = store.replicas.filter((m) => cards.has(m));
      if (members.length < 2) continue;
      expect(new Set(route.members).size).toBe(members.length - 1); // every member but the root
      route.paths.forEach((path, i) => {
        const end = path[path.length - 1];
        const card = cards.get(route.members[i])!;
        const onBorder = (end.x === card.x || end.x === card.x + card.width || end.y === card.y || end.y === card.y + card.height) && end.x >= card.x && end.x <= card.x + card.width && end.y >= card.y && end.y <= card.y + card.height;
        expect(onBorder, `${store.id} reaches ${route.members[i]}`).toBe(true);
        path.slice(1).forEach((b, k) => expect(path[k].x === b.x || path[k].y === b.y).toBe(true));
      });
    }
  });

  it.each(designs)("%s: labels cover no card, no region or zone name, and no other label", (_name, design) => {
    const routes = routeStores(design)!;
    const cards = [...cardRects(design).values()];
    const names = frameLabelRects(design);
    const labels = routes.flatMap((r) => (r.label ? [r.label] : []));
    expect(labels.length).toBe(routes.filter((r) => r.paths.length + r.learnerPaths.length > 0).length);
    for (const label of labels) {
      expect(cards.filter((c) => overlaps(c, label)), label.text).toEqual([]);
      expect(names.filter((n) => overlaps(n, label)), label.text).toEqual([]);
      expect(labels.filter((l: Frame) => l !== label && overlaps(l, label)), label.text).toEqual([]);
    }
  });

  it("names each store: name · replication where there is room, else the name alone", () => {
    const labels = routeStores(threeRegionDesign)!.map((r) => r.label!.text);
    expect(labels.map((l) => l.split(" · ")[0])).toEqual(["Ledger", "Sessions", "Locks", "Events"]);
    expect(labels[0]).toBe("Ledger · raft");
  });

  it("is deterministic", () => {
    expect(routeStores(threeRegionDesign)).toEqual(routeStores(threeRegionDesign));
  });
});
