/**
 * Texts people read (findings, checklist, recommendations, "why?" lines, simulator reasons) use
 * plain words, never the design file's field names: those belong in JSON paths and --json keys.
 */
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../design/examples/index";
import type { Design } from "../design/schema";
import { analyze } from "./index";
import { simulate } from "./simulate";
import { oneStore } from "./testing";

const FIELDS =
  /\b(failoverMs|electionTimeoutMs|maxStalenessMs|readRepair|sloppyQuorum|sessionGuarantees|conflictResolution|partitionTolerance|survivalGoal|readQuorum|writeQuorum|readMode|clusterSize|singleNodeSufficient|sharedState|eventualOk|presenceOnly|availabilityTarget|latencySloMs|availabilitySlo|clientRegion|intraRegionRttMs|nodeAvailability|jitterMs|rttMs|latencyMs|leaderFailoverMs|durableAgainstFailures|staleReadProbability|freshWithinVersions|survivesNodeFailures|survivesZoneLoss|survivesRegionLoss|providedConsistency|toleratedWriteFailures|toleratedReadFailures|strongReads|tVisibility|escalationLevel)\b|\bcontext\.[a-z]/;

/** Every string a person reads in an analysis (formulas, inputs and section references aside). */
function readTexts(design: Design): string[] {
  const a = analyze(design, { pbs: { trials: 200 } });
  const out: string[] = [...a.findings.map((f) => f.message), ...a.checklist.map((c) => c.reason), a.escalation.explain.text];
  for (const x of [...a.operations, ...a.stores]) out.push(...Object.values(x.explain).map((e) => e.text));
  const walk = (v: unknown): void => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (k !== "scenario") walk(x);
  };
  walk(a.recommendations);
  for (const r of design.regions ?? []) out.push(...simulate(design, { failRegions: [r.id] }).operations.map((o) => o.reason));
  return out;
}

const primary = oneStore({ n: 3, replication: "primary-sync", zones: ["a", "a", "b"], store: { fencing: true }, operations: [{ id: "w", name: "Write", type: "write", consistency: "linearizable" }] });
const leaderless = oneStore({
  n: 3,
  replication: "leaderless",
  store: { readQuorum: 2, writeQuorum: 2, readRepair: "async" },
  operations: [{ id: "w", name: "Write", type: "write" }, { id: "r", name: "Read", type: "read", consistency: "linearizable" }],
});
const noContext = oneStore({ n: 3, replication: "consensus", regions: ["x", "y", "z"], store: { maxStalenessMs: 5000, sessionGuarantees: true }, operations: [{ type: "read", readMode: "follower", consistency: "session" }] });

describe("texts people read name things in plain words, not the file's fields", () => {
  it("holds for every template and for designs that raise the other findings", () => {
    for (const design of [...EXAMPLES.map((e) => e.design), primary, leaderless, noContext]) {
      for (const text of readTexts(design)) expect(text, design.name).not.toMatch(FIELDS);
    }
  });

  it("survival-goal-unmet says “the store's failover time” with its value, not (failoverMs)", () => {
    const [f] = analyze(primary).findings.filter((x) => x.rule === "survival-goal-unmet");
    expect(f.message).toContain("it needs its primary, so it waits out a failover (the store's failover time, 30 s) when the primary's zone is lost");
  });

  it("conflict-resolution-missing and read-repair-not-blocking describe the setting, not its field or raw value", () => {
    const a = analyze(leaderless);
    expect(a.findings.find((f) => f.rule === "conflict-resolution-missing")!.message).toContain("the store has no conflict resolution. Choose one for it: lww (last writer wins), vector-clocks, crdt or app-merge.");
    expect(a.findings.find((f) => f.rule === "read-repair-not-blocking")!.message).toContain("but “S” repairs reads in the background (async): a read can return a write still in flight");
    const none = structuredClone(leaderless);
    none.stores![0].readRepair = "none";
    expect(analyze(none).findings.find((f) => f.rule === "read-repair-not-blocking")!.message).toContain("but “S” does not repair reads:");
  });

  it("the checklist and the escalation ladder speak of the system context's questions", () => {
    const a = analyze(noContext);
    expect(a.checklist.find((c) => c.id === "partition-handling")!.reason).toBe("Say whether partitions must be handled: set “Partitions” in the system context.");
    const answered = oneStore({ n: 3, replication: "crdt", context: { eventualOk: true, presenceOnly: true } });
    expect(analyze(answered).escalation.explain.text).toBe(
      "Escalation level 2 (Presence / soft state): the system context answers “yes” to “Is eventual consistency acceptable everywhere?”, and the shared state is only presence / soft state",
    );
    const provided = a.operations[0].explain.providedConsistency.text;
    expect(provided).toContain("follower read with a max staleness of 5000 ms → bounded-staleness");
  });

  it("a latency's “why?” names the callers' region like the leader, by name (the id stays the operation's clientRegion)", () => {
    const raft = EXAMPLES.find((e) => e.slug === "raft-ledger")!.design;
    const transfer = analyze(raft).operations.find((o) => o.id === "transfer")!;
    expect(transfer.clientRegion).toBe("use1");
    expect(transfer.explain.latencyMs.inputs).toMatchObject({ C: "us-east-1", L: "ledger-1" });
  });

  it("the simulator says a replica is promoted after the failover time", () => {
    const split = structuredClone(primary);
    split.stores![0].failoverMs = 15000;
    split.stores![0].writeQuorum = 2;
    const sim = simulate(split, { failNodes: ["n1"] });
    expect(sim.operations[0].reason).toContain("promoted after the failover time (15000 ms)");
  });
});
