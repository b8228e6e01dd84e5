import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../design/examples/index";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("consistency-unsatisfied", () => {
  it("flags an operation whose store provides less than it requires, as an error on the operation", () => {
    const d = oneStore({ n: 3, replication: "leaderless", store: { readQuorum: 1, writeQuorum: 1, conflictResolution: "lww" }, operations: [{ id: "get", type: "read", consistency: "linearizable" }] });
    const [f] = findingsOf("consistency-unsatisfied", d);
    expect(f).toMatchObject({ severity: "error", target: "get" });
    expect(f.message).toContain("requires linearizable but “S” provides eventual: raise R or W so that every read quorum meets every write quorum (R + W > n)");
  });
  it("is silent when the requirement is met", () => {
    expect(findingsOf("consistency-unsatisfied", oneStore({ n: 3, replication: "consensus", store: { fencing: true }, operations: [{ consistency: "linearizable" }] }))).toEqual([]);
  });
});

describe("consistency-unsatisfied: read repair's write-back (never advise what is already set)", () => {
  const cassandra = EXAMPLES.find((e) => e.slug === "cassandra-two-dc")!.design;
  it("a write already at EACH_QUORUM is told the store's write quorum (the write-back) is what falls short, not to use EACH_QUORUM", () => {
    const f = findingsOf("consistency-unsatisfied", cassandra).find((x) => x.target === "suspend-user")!;
    expect(f.message).toContain("“Suspend user (US, EACH_QUORUM)” already writes at EACH_QUORUM, but read repair writes back at the store's write quorum, LOCAL_QUORUM, which “Check account status (EU, LOCAL_QUORUM)” in another region can miss: set the store's write quorum to EACH_QUORUM");
    expect(f.message).not.toContain("e.g. EACH_QUORUM");
  });
  it("a store already writing back at EACH_QUORUM is never told to use EACH_QUORUM: the read that misses it is named", () => {
    // Writes at ALL (6), so R = 1 meets every write; the write-back at EACH_QUORUM (2 + 2) does not meet R = 1.
    const d = oneStore({
      n: 6,
      replication: "leaderless",
      regions: ["a", "a", "a", "b", "b", "b"],
      links: [{ a: "a", b: "b", rttMs: 70 }],
      store: { readQuorum: "local-quorum", writeQuorum: "each-quorum", conflictResolution: "lww" },
      operations: [
        { id: "w", type: "write", quorum: 6, consistency: "eventual", clientRegion: "a" },
        { id: "strong", name: "Strong read", type: "read", consistency: "linearizable", clientRegion: "a" },
        { id: "one", name: "Read at ONE", type: "read", quorum: 1, consistency: "eventual", clientRegion: "b" },
      ],
    });
    const [f] = findingsOf("consistency-unsatisfied", d);
    expect(f.target).toBe("strong");
    expect(f.message).toContain("read repair writes back at the store's write quorum, EACH_QUORUM, which “Read at ONE” can miss: raise that read's quorum so it meets EACH_QUORUM");
    expect(f.message).not.toContain("set the store's write quorum to EACH_QUORUM");
  });
});
