import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("availability-slo", () => {
  it("errors when availability is below the operation's SLO", () => {
    const d = oneStore({ n: 1, replication: "consensus", nodeAvailability: 0.99, store: { fencing: true }, operations: [{ id: "w", type: "write", availabilitySlo: 0.999 }] });
    const [f] = findingsOf("availability-slo", d);
    expect(f).toMatchObject({ severity: "error", target: "w" });
    expect(f.message).toContain("available 99 % (2 nines) of the time, below its 99.9 % target");
  });
  it("falls back to context.availabilityTarget", () => {
    const d = oneStore({ n: 1, replication: "consensus", nodeAvailability: 0.99, store: { fencing: true }, context: { availabilityTarget: 0.995 }, operations: [{ type: "write" }] });
    expect(findingsOf("availability-slo", d)).toHaveLength(1);
  });
  it("is silent when met or when no target is set", () => {
    expect(findingsOf("availability-slo", oneStore({ n: 3, replication: "consensus", nodeAvailability: 0.99, store: { fencing: true }, operations: [{ availabilitySlo: 0.999 }] }))).toEqual([]);
    expect(findingsOf("availability-slo", oneStore({ n: 1, replication: "consensus", nodeAvailability: 0.5, store: { fencing: true } }))).toEqual([]);
  });
});
