import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import { analyze } from "./index";
import { oneStore } from "./testing";

describe("recommendations", () => {
  it("recommends a consensus protocol for stores that need strong consistency, with reasons", () => {
    const { consensus } = analyze(raftLedger).recommendations;
    expect(consensus).toHaveLength(1);
    expect(consensus[0]).toMatchObject({ store: "ledger", choice: "Raft", current: "raft" });
    expect(consensus[0].reasons.length).toBeGreaterThan(1);
  });

  it("prefers Multi-Paxos when writes come from several regions", () => {
    const d = structuredClone(raftLedger);
    d.operations!.push({ id: "transfer-eu", name: "Transfer (EU)", store: "ledger", type: "write", consistency: "linearizable", clientRegion: "euw1" });
    expect(analyze(d).recommendations.consensus[0].choice).toMatch(/Multi-Paxos/);
  });

  it("compares lock services and picks a fenced one for correctness locks", () => {
    const d = oneStore({ n: 3, replication: "leaderless", store: { purpose: "lock", conflictResolution: "lww" }, operations: [{ type: "write", consistency: "linearizable" }] });
    const [lock] = analyze(d).recommendations.locks;
    expect(lock.choice).toBe("etcd with fencing tokens");
    expect(lock.options.map((o) => o.option)).toEqual(["Redlock", "ZooKeeper", "etcd"]);
    expect(lock.options[0].fencing).toMatch(/^No/);
    // An efficiency lock (every operation eventual): a single Redis node, no fencing (Kleppmann 2016).
    const efficiency = oneStore({ n: 3, replication: "leaderless", store: { purpose: "lock", conflictResolution: "lww" }, operations: [{ type: "write", consistency: "eventual" }] });
    expect(analyze(efficiency).recommendations.locks[0].choice).toBe("a single Redis node (efficiency only)");
    // Anything stronger than eventual is a correctness lock.
    const session = oneStore({ n: 3, replication: "leaderless", store: { purpose: "lock", conflictResolution: "lww" }, operations: [{ type: "write", consistency: "session" }] });
    expect(analyze(session).recommendations.locks[0].choice).toBe("etcd with fencing tokens");
  });

  it("picks a CRDT type from what the writes do", () => {
    const counter = oneStore({ n: 3, replication: "crdt", operations: [{ id: "like", name: "Like a post", type: "write" }] });
    expect(analyze(counter).recommendations.conflictResolution[0].crdtType).toBe("G-Counter");
    const cart = oneStore({ n: 3, replication: "multi-leader", operations: [{ id: "cart-remove", name: "Remove from cart", type: "write" }] });
    expect(analyze(cart).recommendations.conflictResolution[0].crdtType).toBe("OR-Set");
    const stock = oneStore({ n: 3, replication: "crdt", operations: [{ id: "reserve", name: "Decrement stock", type: "write" }] });
    expect(analyze(stock).recommendations.conflictResolution[0].crdtType).toBe("PN-Counter");
  });

  it("plans partition handling per store: CP rejects minority writes, AP reconciles", () => {
    const cp = analyze(raftLedger).recommendations.partitionPlans[0];
    expect(cp.during.choice).toMatch(/^CP/);
    expect(cp.detection.choice).toMatch(/phi-accrual/);
    expect(cp.healing.choice).toMatch(/log catch-up/);
    const ap = analyze(oneStore({ n: 3, replication: "crdt" })).recommendations.partitionPlans[0];
    expect(ap.during.choice).toMatch(/^AP/);
    expect(ap.healing.choice).toMatch(/anti-entropy/);
  });

  it("writes a chaos plan with one experiment per failure domain and store, with expected outcomes", () => {
    const plan = analyze(raftLedger).recommendations.chaosPlan;
    const ids = plan.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(["region-loss-use1", "region-loss-euw1", "region-loss-apse1", "zone-loss-use1-a", "kill-leader-ledger", "partition-ledger", "pause-holder-ledger"]));
    expect(plan.find((e) => e.id === "region-loss-use1")!.expectation).toBe("every operation stays available");
    // Texts name operations and regions by name; the ids stay in `id`, `target` and `scenario` (issue 13).
    const partition = plan.find((e) => e.id === "partition-ledger")!;
    expect(partition.expectation).toContain("unavailable: Post transfer");
    expect(partition.action).toBe("Partition us-east-1 from the other regions");
    for (const e of plan) expect(`${e.action} ${e.expectation}`).not.toMatch(/\b(use1|euw1|apse1)\b/);
  });

  it("leader election: consensus elects itself; primaries need an external lease, and fencing is called out", () => {
    const [le] = analyze(oneStore({ n: 2, replication: "primary-sync" })).recommendations.leaderElection;
    expect(le.choice).toMatch(/Lease/);
    expect(le.reasons.join(" ")).toMatch(/Fencing is off/);
  });

  it("the chaos plan's paused leader or holder agrees with lock-without-fencing: terms fence a consensus store, a lock still needs tokens", () => {
    const pause = (d: Parameters<typeof analyze>[0]) => analyze(d).recommendations.chaosPlan.find((e) => e.id === "pause-holder-s")!.expectation;
    const raft = oneStore({ n: 3, replication: "consensus", store: { protocol: "raft" }, operations: [{ type: "write", consistency: "linearizable" }] });
    expect(analyze(raft).findings.filter((f) => f.rule === "lock-without-fencing")).toEqual([]);
    expect(pause(raft)).toContain("rejected: a new leader was elected in a later term");
    expect(pause(raft)).toContain("Raft's terms fence it");
    expect(pause(raft)).not.toContain("enable fencing");
    const lock = oneStore({ n: 3, replication: "consensus", store: { purpose: "lock" }, operations: [{ type: "write", consistency: "linearizable" }] });
    expect(analyze(lock).findings.some((f) => f.rule === "lock-without-fencing")).toBe(true);
    expect(pause(lock)).toBe("its stale writes are accepted — enable fencing");
    const efficiency = oneStore({ n: 3, replication: "consensus", store: { purpose: "lock" }, operations: [{ type: "write", consistency: "eventual" }] });
    expect(pause(efficiency)).toContain("acceptable for an efficiency lock (no fencing needed)");
    const single = oneStore({ n: 1, replication: "primary-sync", operations: [{ type: "write" }] });
    expect(pause(single)).toBe("nothing took over while it was paused, so it resumes as the only writer");
    expect(analyze(single).recommendations.leaderElection[0].reasons.join(" ")).toContain("fine while there is no replica to fail over to");
  });
});

describe("checklist and verdict", () => {
  it("has the nine rows of the seed's validation table", () => {
    expect(analyze(raftLedger).checklist.map((c) => c.id)).toEqual([
      "cap-tradeoffs",
      "consistency-per-operation",
      "consensus-protocol",
      "partition-handling",
      "conflict-resolution",
      "quorum-majority",
      "fencing",
      "failure-modes",
      "chaos-plan",
    ]);
  });

  it("fails rows with reasons that say what to do, and the verdict follows", () => {
    const d = oneStore({ n: 3, replication: "leaderless", store: { readQuorum: 1, writeQuorum: 1 }, operations: [{ type: "write", consistency: "linearizable" }] });
    const a = analyze(d);
    const failed = Object.fromEntries(a.checklist.filter((c) => c.status === "FAIL").map((c) => [c.id, c.reason]));
    expect(failed["cap-tradeoffs"]).toContain("set “Partitions” in the system context");
    expect(failed["cap-tradeoffs"]).not.toMatch(/partitionTolerance|context\./);
    expect(failed["conflict-resolution"]).toMatch(/Choose conflict resolution for S\./); // by name, not id
    expect(failed["quorum-majority"]).toMatch(/W below a majority/);
    expect(a.verdict).toBe("NEEDS_REVISION");
  });
});
