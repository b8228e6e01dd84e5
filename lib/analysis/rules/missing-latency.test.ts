import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("missing-latency", () => {
  it("targets each operation whose figure a missing link made unknown, naming the region pair", () => {
    const d = oneStore({ n: 2, replication: "consensus", regions: ["x", "y"], store: { fencing: true }, operations: [{ id: "w", name: "Write", type: "write" }, { id: "r", name: "Read", type: "read" }] });
    const found = findingsOf("missing-latency", d);
    expect(found.map((f) => f.target)).toEqual(["w", "r"]);
    expect(found[0]).toMatchObject({ severity: "warning" });
    expect(found[0].message).toContain("“Write”: no round-trip time between x and y");
  });
  it("names the regions and where to type the round trip, never region ids or the file's fields", () => {
    const d = oneStore({ n: 2, replication: "consensus", regions: ["use1", "euw1"], store: { fencing: true }, operations: [{ id: "w", name: "Write", type: "write" }] });
    d.regions = d.regions!.map((r) => ({ ...r, name: r.id === "use1" ? "US East" : "EU West" }));
    const [f] = findingsOf("missing-latency", d);
    expect(f.message).toBe("“Write”: no round-trip time between EU West and US East, so its latency is unknown. Type it in the round-trip times between regions (the design's context, with nothing selected).");
    expect(f.message).not.toMatch(/use1|euw1|rttMs|"a"/);
  });
  it("is silent when every needed link is there", () => {
    expect(findingsOf("missing-latency", oneStore({ n: 2, replication: "consensus", regions: ["x", "y"], links: [{ a: "y", b: "x", rttMs: 3 }], store: { fencing: true } }))).toEqual([]);
  });
});
