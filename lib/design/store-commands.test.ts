import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DesignCommandError } from "./commands";
import { raftLedger } from "./examples/raft-ledger";
import { READ_MODES, REPLICATION_MODES, type Design } from "./schema";
import {
  addOperation,
  deleteOperation,
  deleteStore,
  makeStore,
  moveOperation,
  setLeader,
  setLink,
  toggleReplica,
  updateContext,
  updateDefaults,
  updateOperation,
  updateStore,
} from "./store-commands";
import { formatProblem, parseDesign } from "./validate";

const problems = (d: Design) => {
  const r = parseDesign(d);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe("store commands", () => {
  it("makes a consensus store from selected nodes", () => {
    const { design, id } = makeStore(raftLedger, ["api-use1", "api-euw1", "api-use1", "ghost"]);
    expect(id).toBe("store1");
    expect(design.stores![1]).toEqual({ id: "store1", name: "Store 1", replication: "consensus", replicas: ["api-use1", "api-euw1"] });
    expect(problems(design)).toEqual([]);
    expect(() => makeStore(raftLedger, [])).toThrow(DesignCommandError);
  });

  it("switching replication drops what no longer applies, on the store and its operations", () => {
    let d = updateStore(raftLedger, "ledger", { replication: "leaderless", readQuorum: 2, writeQuorum: 2, conflictResolution: "lww" });
    expect(d.stores![0]).not.toHaveProperty("leader");
    expect(d.stores![0]).not.toHaveProperty("readMode");
    expect(d.operations!.find((o) => o.id === "balance")).not.toHaveProperty("readMode");
    d = updateOperation(d, "transfer", { quorum: 3 });
    expect(problems(d)).toEqual([]);
    d = updateStore(d, "ledger", { replication: "primary-sync" });
    expect(d.stores![0]).not.toHaveProperty("readQuorum");
    expect(d.stores![0].writeQuorum).toBe(2);
    expect(d.operations!.find((o) => o.id === "transfer")!.quorum).toBe(3);
    d = updateStore(d, "ledger", { replication: "crdt" });
    expect(d.operations!.find((o) => o.id === "transfer")).not.toHaveProperty("quorum");
    expect(problems(d)).toEqual([]);
  });

  it("removing a replica moves the leader and clamps quorums; the last replica cannot go", () => {
    let d = setLeader(raftLedger, "ledger", "ledger-3");
    expect(d.stores![0].leader).toBe("ledger-3");
    d = toggleReplica(d, "ledger", "ledger-3");
    expect(d.stores![0].replicas).toEqual(["ledger-1", "ledger-2"]);
    expect(d.stores![0]).not.toHaveProperty("leader");
    d = toggleReplica(d, "ledger", "api-use1");
    expect(d.stores![0].replicas).toEqual(["ledger-1", "ledger-2", "api-use1"]);
    const single = updateStore(raftLedger, "ledger", { replicas: ["ledger-1"] });
    expect(() => toggleReplica(single, "ledger", "ledger-1")).toThrow("at least one replica");
    expect(() => setLeader(raftLedger, "ledger", "api-use1")).toThrow("not a replica");
  });

  it("null clears optional fields; names are trimmed and required", () => {
    const d = updateStore(raftLedger, "ledger", { protocol: null, name: "  Accounts " });
    expect(d.stores![0]).not.toHaveProperty("protocol");
    expect(d.stores![0].name).toBe("Accounts");
    expect(() => updateStore(raftLedger, "ledger", { name: " " })).toThrow("a name cannot be empty");
  });

  it("deleting a store deletes its operations", () => {
    const d = deleteStore(raftLedger, "ledger");
    expect(d.stores).toEqual([]);
    expect(d.operations).toEqual([]);
  });
});

describe("operation commands", () => {
  it("adds, edits, reorders and deletes operations", () => {
    const created = addOperation(raftLedger, { store: "ledger" });
    const id = created.id;
    let d = created.design;
    expect(id).toBe("op1");
    expect(d.operations!.at(-1)).toEqual({ id: "op1", name: "Operation 1", store: "ledger", type: "write", consistency: "linearizable" });
    d = updateOperation(d, "op1", { type: "read", readMode: "follower", consistency: "eventual", clientRegion: "apse1", latencySloMs: 20 });
    expect(d.operations!.at(-1)).toMatchObject({ type: "read", readMode: "follower", clientRegion: "apse1" });
    d = updateOperation(d, "op1", { type: "write" });
    expect(d.operations!.at(-1)).not.toHaveProperty("readMode");
    d = moveOperation(d, "op1", 0);
    expect(d.operations!.map((o) => o.id)).toEqual(["op1", "transfer", "balance", "statement"]);
    d = deleteOperation(d, "op1");
    expect(d.operations!.map((o) => o.id)).toEqual(["transfer", "balance", "statement"]);
    expect(() => updateOperation(d, "transfer", { clientRegion: "mars" })).toThrow('unknown region "mars"');
  });
});

describe("links, context, defaults", () => {
  it("sets, updates and removes an RTT in either direction", () => {
    let d = setLink(raftLedger, "euw1", "use1", 80);
    expect(d.links![0]).toEqual({ a: "use1", b: "euw1", rttMs: 80 });
    d = setLink(d, "use1", "euw1", null);
    expect(d.links!.some((l) => [l.a, l.b].includes("use1") && [l.a, l.b].includes("euw1"))).toBe(false);
    d = setLink(d, "use1", "euw1", 70);
    expect(problems(d)).toEqual([]);
    expect(() => setLink(d, "use1", "use1", 1)).toThrow(DesignCommandError);
  });

  it("edits the context and defaults, clearing with null", () => {
    let d = updateContext(raftLedger, { eventualOk: true, purpose: "" });
    expect(d.context).toMatchObject({ eventualOk: true });
    expect(d.context).not.toHaveProperty("purpose");
    expect(() => updateContext(d, { availabilityTarget: 1.5 })).toThrow();
    d = updateDefaults(d, { nodeAvailability: null, intraRegionRttMs: null });
    expect(d).not.toHaveProperty("defaults");
    expect(problems(d)).toEqual([]);
  });
});

describe("property: store and operation edits keep the design valid", () => {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant("replication" as const), mode: fc.constantFrom(...REPLICATION_MODES) }),
    fc.record({ kind: fc.constant("quorums" as const), r: fc.integer({ min: 1, max: 9 }), w: fc.integer({ min: 1, max: 9 }) }),
    fc.record({ kind: fc.constant("toggle" as const), node: fc.nat(10) }),
    fc.record({ kind: fc.constant("readMode" as const), mode: fc.constantFrom(...READ_MODES), op: fc.nat(5) }),
    fc.record({ kind: fc.constant("opQuorum" as const), q: fc.integer({ min: 1, max: 9 }), op: fc.nat(5) }),
    fc.record({ kind: fc.constant("opType" as const), type: fc.constantFrom("read" as const, "write" as const), op: fc.nat(5) }),
    fc.record({ kind: fc.constant("addOp" as const) }),
  );
  it("holds for random edit sequences", () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        let d: Design = raftLedger;
        for (const e of edits) {
          const store = d.stores![0];
          const ops = d.operations!;
          try {
            if (e.kind === "replication") d = updateStore(d, store.id, { replication: e.mode });
            else if (e.kind === "quorums") d = updateStore(d, store.id, store.replication === "leaderless" ? { readQuorum: e.r, writeQuorum: e.w } : store.replication === "primary-sync" ? { writeQuorum: e.w } : {});
            else if (e.kind === "toggle") d = toggleReplica(d, store.id, d.nodes![e.node % d.nodes!.length].id);
            else if (e.kind === "addOp") d = addOperation(d, { store: store.id }).design;
            else if (ops.length) {
              const op = ops[e.op % ops.length];
              if (e.kind === "readMode") d = updateOperation(d, op.id, { readMode: e.mode });
              else if (e.kind === "opQuorum") d = updateOperation(d, op.id, { quorum: e.q });
              else d = updateOperation(d, op.id, { type: e.type });
            }
          } catch (error) {
            if (!(error instanceof DesignCommandError)) throw error;
          }
          const found = problems(d);
          if (found.length) throw new Error(`${JSON.stringify(e)} → ${found.join("; ")}`);
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
