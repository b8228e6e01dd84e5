import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DesignCommandError } from "./commands";
import { raftLedger } from "./examples/raft-ledger";
import { READ_MODES, REPLICATION_MODES, type Design } from "./schema";
import { deleteElements } from "./commands";
import {
  addLearner,
  addMemberNode,
  addOperation,
  deleteOperation,
  deleteStore,
  makeStore,
  moveOperation,
  removeLearner,
  setLeader,
  setLink,
  toggleReplica,
  updateContext,
  updateDefaults,
  updateOperation,
  updateStore,
  type StorePatch,
} from "./store-commands";
import { formatProblem, parseDesign } from "./validate";

const problems = (d: Design) => {
  const r = parseDesign(d);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe("store commands", () => {
  it("makes a consensus store from selected nodes", () => {
    const { design, id } = makeStore(raftLedger, ["api-use1", "api-euw1", "api-use1", "ghost"]);
    expect(id).toBe("store-1");
    expect(design.stores![1]).toEqual({ id: "store-1", name: "Store 1", replication: "consensus", replicas: ["api-use1", "api-euw1"] });
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

/** Two datacenters with three nodes each (dc1 with zones), one spare node in dc2. */
const twoDcs: Design = {
  format: "quorum-studio/design@1",
  name: "two DCs",
  regions: [
    { id: "dc1", name: "DC one", zones: ["a", "b"] },
    { id: "dc2", name: "DC two" },
  ],
  links: [{ a: "dc1", b: "dc2", rttMs: 40 }],
  nodes: [
    { id: "c1", name: "cass-1", kind: "database", region: "dc1", zone: "a" },
    { id: "c2", name: "cass-2", kind: "database", region: "dc1", zone: "a" },
    { id: "c3", name: "cass-3", kind: "database", region: "dc1", zone: "b" },
    { id: "c4", name: "cass-4", kind: "database", region: "dc2" },
    { id: "c5", name: "cass-5", kind: "database", region: "dc2" },
    { id: "c6", name: "cass-6", kind: "database", region: "dc2" },
    { id: "spare", name: "spare", kind: "cache", region: "dc2" },
  ],
  stores: [
    { id: "ks", name: "Keyspace", replication: "leaderless", replicas: ["c1", "c2", "c3", "c4", "c5", "c6"] },
    { id: "crdb", name: "Ranges", replication: "consensus", replicas: ["c1", "c2", "c3"] },
  ],
  operations: [
    { id: "put", name: "Put", store: "ks", type: "write", consistency: "eventual" },
    { id: "get", name: "Get", store: "ks", type: "read", consistency: "eventual" },
  ],
};

describe("version-2 store fields", () => {
  it("sets LOCAL_QUORUM / EACH_QUORUM on a leaderless store and its operations, and back to numbers", () => {
    let d = updateStore(twoDcs, "ks", { readQuorum: "local-quorum", writeQuorum: "each-quorum" });
    expect(d.stores![0]).toMatchObject({ readQuorum: "local-quorum", writeQuorum: "each-quorum" });
    d = updateOperation(d, "get", { quorum: "each-quorum" });
    expect(d.operations![1].quorum).toBe("each-quorum");
    expect(problems(d)).toEqual([]);
    d = updateStore(d, "ks", { readQuorum: 1, writeQuorum: null });
    expect(d.stores![0].readQuorum).toBe(1);
    expect(d.stores![0]).not.toHaveProperty("writeQuorum");
    expect(() => updateStore(twoDcs, "ks", { readQuorum: "all" as never })).toThrow(DesignCommandError);
    expect(() => updateStore(twoDcs, "ks", { readQuorum: 1.5 })).toThrow(DesignCommandError);
  });

  it("refuses per-region quorums where they do not apply, and drops them when the store stops being leaderless", () => {
    const sync = updateStore(twoDcs, "ks", { replication: "primary-sync" });
    expect(() => updateStore(sync, "ks", { writeQuorum: "local-quorum" })).toThrow("leaderless stores only");
    let d = updateStore(twoDcs, "ks", { writeQuorum: "local-quorum", readQuorum: "local-quorum", readRepair: "async", sloppyQuorum: true });
    d = updateOperation(d, "put", { quorum: "local-quorum" });
    d = updateStore(d, "ks", { replication: "primary-sync" });
    expect(d.stores![0]).not.toHaveProperty("writeQuorum");
    expect(d.stores![0]).not.toHaveProperty("readQuorum");
    expect(d.stores![0]).not.toHaveProperty("readRepair");
    expect(d.stores![0]).not.toHaveProperty("sloppyQuorum");
    expect(d.operations![0]).not.toHaveProperty("quorum");
    expect(problems(d)).toEqual([]);
  });

  it("read repair, sloppy quorums, staleness, election timeout and failover only where they apply", () => {
    let d = updateStore(twoDcs, "ks", { readRepair: "none", sloppyQuorum: true });
    expect(d.stores![0]).toMatchObject({ readRepair: "none", sloppyQuorum: true });
    d = updateStore(d, "crdb", { maxStalenessMs: 5000, electionTimeoutMs: 3000 });
    expect(d.stores![1]).toMatchObject({ maxStalenessMs: 5000, electionTimeoutMs: 3000 });
    expect(problems(d)).toEqual([]);
    // consensus → primary-async: the staleness bound stays, the election timeout goes, failover applies.
    d = updateStore(d, "crdb", { replication: "primary-async", failoverMs: 60_000 });
    expect(d.stores![1]).toMatchObject({ maxStalenessMs: 5000, failoverMs: 60_000 });
    expect(d.stores![1]).not.toHaveProperty("electionTimeoutMs");
    // → leaderless: neither applies.
    d = updateStore(d, "crdb", { replication: "leaderless" });
    expect(d.stores![1]).not.toHaveProperty("maxStalenessMs");
    expect(d.stores![1]).not.toHaveProperty("failoverMs");
    expect(problems(d)).toEqual([]);
    expect(() => updateStore(twoDcs, "crdb", { electionTimeoutMs: -1 })).toThrow("election timeout must be between 0 and 600000 ms");
    expect(() => updateStore(twoDcs, "crdb", { maxStalenessMs: 700_000 })).toThrow("max staleness");
    expect(() => updateStore(twoDcs, "ks", { readRepair: "sometimes" as never })).toThrow("read repair");
  });

  it("adds and removes learners; a learner is never also a voter", () => {
    let d = addLearner(twoDcs, "crdb", "c4");
    d = addLearner(d, "crdb", "c5");
    expect(d.stores![1].learners).toEqual(["c4", "c5"]);
    expect(addLearner(d, "crdb", "c4")).toBe(d); // already one: nothing to do
    expect(problems(d)).toEqual([]);
    expect(() => addLearner(d, "crdb", "c1")).toThrow("cass-1 is already a voting replica of Ranges");
    expect(() => addLearner(d, "ks", "spare")).toThrow("only consensus stores have learners");
    expect(() => addLearner(d, "crdb", "ghost")).toThrow('unknown node "ghost"');
    // Promoting a learner to a voter takes it off the learners list.
    d = toggleReplica(d, "crdb", "c4");
    expect(d.stores![1].replicas).toEqual(["c1", "c2", "c3", "c4"]);
    expect(d.stores![1].learners).toEqual(["c5"]);
    d = removeLearner(d, "crdb", "c5");
    expect(d.stores![1]).not.toHaveProperty("learners"); // the last one goes with the list
    expect(removeLearner(d, "crdb", "c5")).toBe(d);
    expect(problems(d)).toEqual([]);
  });

  it("switching a store away from consensus drops its learners", () => {
    const d = updateStore(addLearner(twoDcs, "crdb", "c6"), "crdb", { replication: "primary-sync" });
    expect(d.stores![1]).not.toHaveProperty("learners");
    expect(problems(d)).toEqual([]);
  });

  it("deleting a node that is a learner removes it from the store, which stays valid", () => {
    let d = addLearner(addLearner(twoDcs, "crdb", "c4"), "crdb", "spare");
    d = deleteElements(d, { nodes: ["spare"] });
    expect(d.stores![1].learners).toEqual(["c4"]);
    expect(d.stores![1].replicas).toEqual(["c1", "c2", "c3"]);
    expect(problems(d)).toEqual([]);
    d = deleteElements(d, { regions: ["dc2"] });
    expect(d.stores![1]).not.toHaveProperty("learners");
    expect(problems(d)).toEqual([]);
  });

  it("creates a new node as a learner or replica in one edit, spread over the region's zones", () => {
    const learner = addMemberNode(twoDcs, "crdb", { region: "dc1", role: "learner" });
    const node = learner.design.nodes!.find((n) => n.id === learner.id)!;
    expect(node).toMatchObject({ kind: "database", region: "dc1", zone: "b" }); // zone a already holds two of the store
    expect(learner.design.stores![1].learners).toEqual([learner.id]);
    expect(problems(learner.design)).toEqual([]);
    const replica = addMemberNode(twoDcs, "ks", { region: "dc2", role: "replica" });
    expect(replica.design.stores![0].replicas.at(-1)).toBe(replica.id);
    expect(replica.design.nodes!.find((n) => n.id === replica.id)).not.toHaveProperty("zone");
    expect(problems(replica.design)).toEqual([]);
    expect(() => addMemberNode(twoDcs, "ks", { region: "dc2", role: "learner" })).toThrow(DesignCommandError);
    expect(() => addMemberNode(twoDcs, "crdb", { region: "mars", role: "learner" })).toThrow('unknown region "mars"');
  });
});

describe("operation commands", () => {
  it("adds, edits, reorders and deletes operations", () => {
    const created = addOperation(raftLedger, { store: "ledger" });
    const id = created.id;
    let d = created.design;
    expect(id).toBe("operation-1");
    expect(d.operations!.at(-1)).toEqual({ id: "operation-1", name: "Operation 1", store: "ledger", type: "write", consistency: "linearizable" });
    d = updateOperation(d, "operation-1", { type: "read", readMode: "follower", consistency: "eventual", clientRegion: "apse1", latencySloMs: 20 });
    expect(d.operations!.at(-1)).toMatchObject({ type: "read", readMode: "follower", clientRegion: "apse1" });
    d = updateOperation(d, "operation-1", { type: "write" });
    expect(d.operations!.at(-1)).not.toHaveProperty("readMode");
    d = moveOperation(d, "operation-1", 0);
    expect(d.operations!.map((o) => o.id)).toEqual(["operation-1", "transfer", "balance", "statement"]);
    d = deleteOperation(d, "operation-1");
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

  it("edits the survival goal and the jitter of the t-visibility simulation", () => {
    let d = updateContext(raftLedger, { survivalGoal: "region" });
    expect(d.context!.survivalGoal).toBe("region");
    expect(() => updateContext(d, { survivalGoal: "planet" as never })).toThrow("survival goal");
    d = updateDefaults(d, { jitterMs: 5 });
    expect(d.defaults!.jitterMs).toBe(5);
    expect(problems(d)).toEqual([]);
    expect(() => updateDefaults(d, { jitterMs: -1 })).toThrow("jitter");
    d = updateDefaults(updateContext(d, { survivalGoal: null }), { jitterMs: null });
    expect(d.context).not.toHaveProperty("survivalGoal");
    expect(d.defaults ?? {}).not.toHaveProperty("jitterMs");
  });
});

describe("property: store and operation edits keep the design valid", () => {
  const quorum = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom("local-quorum" as const, "each-quorum" as const));
  const edit = fc.oneof(
    fc.record({ kind: fc.constant("replication" as const), mode: fc.constantFrom(...REPLICATION_MODES) }),
    fc.record({ kind: fc.constant("quorums" as const), r: quorum, w: quorum }),
    fc.record({ kind: fc.constant("learner" as const), node: fc.nat(10), add: fc.boolean() }),
    fc.record({
      kind: fc.constant("v2" as const),
      readRepair: fc.constantFrom("blocking" as const, "async" as const, "none" as const),
      sloppy: fc.boolean(),
      ms: fc.integer({ min: 0, max: 60_000 }),
    }),
    fc.record({ kind: fc.constant("toggle" as const), node: fc.nat(10) }),
    fc.record({ kind: fc.constant("readMode" as const), mode: fc.constantFrom(...READ_MODES), op: fc.nat(5) }),
    fc.record({ kind: fc.constant("opQuorum" as const), q: quorum, op: fc.nat(5) }),
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
            else if (e.kind === "learner") {
              const node = d.nodes![e.node % d.nodes!.length].id;
              d = e.add ? addLearner(d, store.id, node) : removeLearner(d, store.id, node);
            } else if (e.kind === "v2") {
              const patch: StorePatch = { maxStalenessMs: e.ms };
              if (store.replication === "leaderless") Object.assign(patch, { readRepair: e.readRepair, sloppyQuorum: e.sloppy });
              if (store.replication === "consensus") patch.electionTimeoutMs = e.ms;
              if (store.replication === "primary-sync" || store.replication === "primary-async") patch.failoverMs = e.ms;
              d = updateStore(d, store.id, patch);
            }
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
