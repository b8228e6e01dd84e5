import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("missing-latency", () => {
  it("names each region pair a figure needed and the design lacks, once", () => {
    const d = oneStore({ n: 2, replication: "consensus", regions: ["x", "y"], store: { fencing: true }, operations: [{ type: "write" }, { type: "read" }] });
    const found = findingsOf("missing-latency", d);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", target: "x" });
    expect(found[0].message).toContain('Add a link { "a": "x", "b": "y", "rttMs": … }');
  });
  it("is silent when every needed link is there", () => {
    expect(findingsOf("missing-latency", oneStore({ n: 2, replication: "consensus", regions: ["x", "y"], links: [{ a: "y", b: "x", rttMs: 3 }], store: { fencing: true } }))).toEqual([]);
  });
});
