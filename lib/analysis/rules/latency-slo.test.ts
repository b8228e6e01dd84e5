import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

const links = [{ a: "x", b: "y", rttMs: 80 }];

describe("latency-slo", () => {
  it("errors when the estimate exceeds the SLO, naming both numbers", () => {
    const d = oneStore({ n: 1, replication: "consensus", regions: ["x"], links, store: { fencing: true }, operations: [{ id: "w", type: "write", clientRegion: "y", latencySloMs: 50 }] });
    const [f] = findingsOf("latency-slo", d);
    expect(f).toMatchObject({ severity: "error", target: "w" });
    expect(f.message).toContain("takes about 80 ms, over its 50 ms SLO");
  });
  it("is silent within the SLO or without one", () => {
    expect(findingsOf("latency-slo", oneStore({ n: 1, replication: "consensus", regions: ["x"], links, store: { fencing: true }, operations: [{ type: "write", clientRegion: "y", latencySloMs: 81 }] }))).toEqual([]);
    expect(findingsOf("latency-slo", oneStore({ n: 1, replication: "consensus", regions: ["x"], links, store: { fencing: true }, operations: [{ type: "write", clientRegion: "y" }] }))).toEqual([]);
  });
});
