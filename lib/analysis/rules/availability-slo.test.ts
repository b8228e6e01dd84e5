import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { compare } from "./availability-slo";
import { findingsOf } from "./test-helpers";

describe("availability-slo", () => {
  it("errors when availability is below the operation's SLO", () => {
    const d = oneStore({ n: 1, replication: "consensus", nodeAvailability: 0.99, store: { fencing: true }, operations: [{ id: "w", type: "write", availabilitySlo: 0.999 }] });
    const [f] = findingsOf("availability-slo", d);
    expect(f).toMatchObject({ severity: "error", target: "w" });
    expect(f.message).toContain("available 99 % (2 nines) of the time, below its 99.9 % target");
  });
  it("states the target as it was set: 99.95 % is never rounded to 100 % (issue 13)", () => {
    expect(compare(0.999, 0.9995)).toEqual(["99.9 % (3 nines)", "99.95 %"]);
    expect(compare(0.99949, 0.9995)).toEqual(["99.949 % (3.2 nines)", "99.95 %"]);
    expect(compare(0.99975, 0.9999)).toEqual(["99.98 % (3.6 nines)", "99.99 %"]);
    expect(compare(0.9, 0.99)).toEqual(["90 % (1 nines)", "99 %"]);
    expect(compare(0.99, 1)).toEqual(["99 % (2 nines)", "100 %"]);
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
