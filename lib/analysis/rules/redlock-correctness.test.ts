import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

const redlock = (consistency: "linearizable" | "eventual") =>
  oneStore({ n: 5, replication: "leaderless", store: { purpose: "lock", readQuorum: 3, writeQuorum: 3, conflictResolution: "lww" }, operations: [{ id: "acquire", name: "Acquire", type: "write", consistency }] });

describe("redlock-correctness", () => {
  it("errors when a Redlock protects correctness (an operation requires more than eventual)", () => {
    const [f] = findingsOf("redlock-correctness", redlock("linearizable"));
    expect(f).toMatchObject({ severity: "error", target: "s" });
    expect(f.message).toContain("“Acquire” requires linearizable");
    expect(f.message).toContain("Kleppmann 2016");
  });
  it("warns for an efficiency lock: a single Redis node is as good", () => {
    const [f] = findingsOf("redlock-correctness", redlock("eventual"));
    expect(f.severity).toBe("warning");
    expect(f.message).toContain("single Redis node");
  });
  it("is silent for locks on consensus stores", () => {
    expect(findingsOf("redlock-correctness", oneStore({ n: 3, replication: "consensus", store: { purpose: "lock", fencing: true } }))).toEqual([]);
  });
});
