import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("sloppy-quorum", () => {
  it("warns on the store when a sloppy-quorum store serves an operation that requires more than eventual", () => {
    const d = oneStore({ n: 3, replication: "leaderless", store: { sloppyQuorum: true, conflictResolution: "vector-clocks" }, operations: [{ type: "write" }, { name: "Read cart", type: "read", consistency: "session" }] });
    const [f] = findingsOf("sloppy-quorum", d);
    expect(f).toMatchObject({ severity: "warning", target: "s" });
    expect(f.message).toContain("“Read cart” gets eventual consistency only");
  });
  it("is silent when every operation is eventual, or quorums are strict", () => {
    expect(findingsOf("sloppy-quorum", oneStore({ n: 3, replication: "leaderless", store: { sloppyQuorum: true, conflictResolution: "lww" } }))).toEqual([]);
    expect(findingsOf("sloppy-quorum", oneStore({ n: 3, replication: "leaderless", store: { conflictResolution: "lww" }, operations: [{ type: "read", consistency: "linearizable" }] }))).toEqual([]);
  });
});
