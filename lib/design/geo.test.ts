/** Distance-based RTT estimates and the cloud region catalogue. */
import { describe, expect, it } from "vitest";
import { analyze } from "../analysis/index";
import { CLOUD_REGIONS, findCloudRegion, searchCloudRegions } from "./cloud-regions";
import { addNode, emptyDesign } from "./commands";
import { resolveLayout } from "./layout";
import { addCloudRegion, estimateRttMs, greatCircleKm } from "./geo";
import { setLink } from "./store-commands";
import { parseDesign } from "./validate";

const at = (provider: string, code: string) => findCloudRegion(provider, code)!;

describe("great-circle distance", () => {
  it("London – New York is about 5,570 km; a point to itself is 0; symmetric", () => {
    const london = { lat: 51.5074, lon: -0.1278 };
    const newYork = { lat: 40.7128, lon: -74.006 };
    expect(greatCircleKm(london, newYork)).toBeGreaterThan(5540);
    expect(greatCircleKm(london, newYork)).toBeLessThan(5600);
    expect(greatCircleKm(london, london)).toBe(0);
    expect(greatCircleKm(newYork, london)).toBeCloseTo(greatCircleKm(london, newYork), 9);
  });

  it("antipodes are half the circumference", () => {
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});

describe("RTT estimate", () => {
  it("is 2 ms + 2 × distance × 1.4 / 200 km/ms", () => {
    const a = at("aws", "us-east-1");
    const b = at("aws", "eu-west-1");
    const km = greatCircleKm(a, b);
    expect(estimateRttMs(a, b)).toBe(Math.round(2 + (2 * km * 1.4) / 200));
    // In the range of published medians for these pairs (tens of ms, not hundreds).
    expect(estimateRttMs(a, b)).toBeGreaterThan(60);
    expect(estimateRttMs(a, b)).toBeLessThan(95);
    expect(estimateRttMs(at("aws", "us-east-1"), at("aws", "ap-northeast-1"))).toBeGreaterThan(130);
    expect(estimateRttMs(at("aws", "us-east-1"), at("aws", "ap-northeast-1"))).toBeLessThan(170);
  });
});

describe("catalogue", () => {
  it("has the three providers, unique codes per provider, coordinates on Earth", () => {
    for (const p of ["aws", "gcp", "azure"]) expect(CLOUD_REGIONS.filter((r) => r.provider === p).length).toBeGreaterThan(25);
    const keys = CLOUD_REGIONS.map((r) => `${r.provider}:${r.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of CLOUD_REGIONS) {
      expect(Math.abs(r.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(r.lon)).toBeLessThanOrEqual(180);
    }
  });

  it("search matches code, name and city, ignoring case and accents", () => {
    expect(searchCloudRegions("sao paulo").map((r) => r.code)).toEqual(expect.arrayContaining(["sa-east-1", "southamerica-east1", "brazilsouth"]));
    expect(searchCloudRegions("frankfurt", "gcp").map((r) => r.code)).toEqual(["europe-west3"]);
    expect(searchCloudRegions("AWS tokyo").map((r) => r.code)).toEqual(["ap-northeast-1"]);
  });
});

describe("adding cloud regions", () => {
  it("adds a located region with three zones and estimated links to the others; typing a value makes it measured", () => {
    let d = emptyDesign("geo");
    d = addCloudRegion(d, at("aws", "us-east-1")).design;
    d = addCloudRegion(d, at("aws", "eu-west-1")).design;
    const third = addCloudRegion(d, at("aws", "ap-northeast-1"));
    d = third.design;
    expect(parseDesign(d).ok).toBe(true);
    expect(d.regions!.map((r) => r.name)).toEqual(["us-east-1", "eu-west-1", "ap-northeast-1"]);
    expect(d.regions![2]).toMatchObject({ zones: ["a", "b", "c"], location: { provider: "aws", code: "ap-northeast-1" } });
    expect(d.links).toHaveLength(3);
    expect(d.links!.every((l) => l.estimated === true)).toBe(true);
    const [a, b] = [d.regions![0].id, d.regions![1].id];
    d = setLink(d, a, b, 68);
    const typed = d.links!.find((l) => (l.a === a && l.b === b) || (l.a === b && l.b === a))!;
    expect(typed).toEqual({ a: typed.a, b: typed.b, rttMs: 68 });
  });

  it("three regions from the catalogue line up in a row that a 1440×900 window shows at a readable zoom (they stacked at 7 px text)", () => {
    let d = emptyDesign("geo");
    for (const code of ["us-east-1", "eu-west-1", "ap-northeast-1"]) d = addCloudRegion(d, at("aws", code)).design;
    const frames = d.regions!.map((r) => d.layout!.regions![r.id]);
    // One row, left to right in the order added, none overlapping.
    expect(frames.map((f) => f.y)).toEqual([0, 0, 0]);
    for (let i = 1; i < frames.length; i++) expect(frames[i].x).toBeGreaterThan(frames[i - 1].x + frames[i - 1].width);
    // Each region's zones a, b, c stacked inside it, each wide enough for a card.
    for (const r of d.regions!) {
      const zones = r.zones!.map((z) => d.layout!.zones![`${r.id}/${z}`]);
      expect(zones.map((z) => z.x)).toEqual([zones[0].x, zones[0].x, zones[0].x]);
      expect(zones[1].y).toBeGreaterThan(zones[0].y + zones[0].height);
      for (const z of zones) expect(z.x + z.width).toBeLessThanOrEqual(d.layout!.regions![r.id].width);
    }
    // Fit view at 1440×900: the canvas is 940×632 there, minus the fit's padding (24 px, 56 px on the left).
    const width = Math.max(...frames.map((f) => f.x + f.width));
    const height = Math.max(...frames.map((f) => f.y + f.height));
    const zoom = Math.min((940 - 80) / width, (632 - 48) / height);
    expect(zoom).toBeGreaterThanOrEqual(1); // 12 px labels at 12 px or more (they were at 7)
  });

  it("a node added to a stacked zone grows it and pushes the zones below down, inside the region", () => {
    let d = emptyDesign("geo");
    for (const code of ["us-east-1", "eu-west-1"]) d = addCloudRegion(d, at("aws", code)).design;
    const region = d.regions![0].id;
    for (let i = 0; i < 4; i++) d = addNode(d, { kind: "database", region, zone: "a" }).design;
    const layout = resolveLayout(d);
    const [a, b, c] = ["a", "b", "c"].map((z) => layout.zones[`${region}/${z}`]);
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
    expect(c.y).toBeGreaterThanOrEqual(b.y + b.height);
    expect(layout.regions[region].height).toBeGreaterThanOrEqual(c.y + c.height);
    // The region beside it stays where it was.
    expect(layout.regions[d.regions![1].id].x).toBeGreaterThan(layout.regions[region].x + layout.regions[region].width);
  });

  it("a latency that used an estimate says so in its why?, naming the regions", () => {
    let d = emptyDesign("geo");
    d = addCloudRegion(d, at("aws", "us-east-1")).design;
    d = addCloudRegion(d, at("aws", "eu-west-1")).design;
    const [use, euw] = d.regions!.map((r) => r.id);
    d = {
      ...d,
      nodes: [
        { id: "n1", name: "db 1", kind: "database", region: use, zone: "a" },
        { id: "n2", name: "db 2", kind: "database", region: use, zone: "b" },
        { id: "n3", name: "db 3", kind: "database", region: euw, zone: "a" },
      ],
      stores: [{ id: "s", name: "S", replication: "consensus", replicas: ["n1", "n2", "n3"] }],
      operations: [
        { id: "w", name: "Write", store: "s", type: "write", consistency: "linearizable", clientRegion: euw },
        { id: "r", name: "Local read", store: "s", type: "read", consistency: "eventual", clientRegion: use, readMode: "follower" },
      ],
    };
    const ops = analyze(d).operations;
    const write = ops.find((o) => o.id === "w")!;
    expect(write.explain.latencyMs.text).toMatch(/Estimated from the regions' distance, not measured: us-east-1 ↔ eu-west-1 \d+ ms/);
    // Once the value is typed (measured), the note goes.
    const measured = analyze(setLink(d, use, euw, 70)).operations.find((o) => o.id === "w")!;
    expect(measured.explain.latencyMs.text).not.toMatch(/Estimated/);
    expect(measured.latencyMs).toBe(71);
  });
});
