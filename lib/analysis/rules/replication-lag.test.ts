import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("replication-lag", () => {
  it("warns when async replication crosses an rtt over 100 ms", () => {
    const d = oneStore({ n: 2, replication: "primary-async", regions: ["a", "b"], links: [{ a: "a", b: "b", rttMs: 150 }], store: { fencing: true } });
    const [f] = findingsOf("replication-lag", d);
    expect(f).toMatchObject({ severity: "warning", target: "s" });
    expect(f.message).toContain("over a 150 ms round trip");
    const multi = oneStore({ n: 2, replication: "multi-leader", regions: ["a", "b"], links: [{ a: "a", b: "b", rttMs: 101 }], store: { conflictResolution: "lww" } });
    expect(findingsOf("replication-lag", multi)).toHaveLength(1);
  });
  it("is silent at 100 ms and for synchronous stores", () => {
    expect(findingsOf("replication-lag", oneStore({ n: 2, replication: "primary-async", regions: ["a", "b"], links: [{ a: "a", b: "b", rttMs: 100 }], store: { fencing: true } }))).toEqual([]);
    expect(findingsOf("replication-lag", oneStore({ n: 2, replication: "primary-sync", regions: ["a", "b"], links: [{ a: "a", b: "b", rttMs: 300 }], store: { fencing: true } }))).toEqual([]);
  });
});
