import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import { addLearner, addMemberNode, removeLearner, updateStore } from "../design/store-commands";
import { createStudioStore } from "./studio-store";

/** The store inspector's version-2 edits, each one undo step (no analyzer: only the history matters). */
describe("version-2 store edits in the studio", () => {
  const make = () => createStudioStore({ designId: "d", design: raftLedger, version: 1 });
  const ledger = () => (s: ReturnType<typeof make>) => s.getState().design.stores!.find((x) => x.id === "ledger")!;

  it("a new learner node is one step: undo takes away the node and the learner together", () => {
    const store = make();
    const nodes = store.getState().design.nodes!.length;
    const before = ledger()(store).learners;
    expect(store.getState().edit((d) => addMemberNode(d, "ledger", { region: "euw1", role: "learner" }).design)).toBe(true);
    const learner = ledger()(store).learners!.at(-1)!;
    expect(store.getState().design.nodes).toHaveLength(nodes + 1);
    expect(store.getState().flowNodes.some((n) => n.id === `node:${learner}`)).toBe(true);
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().design.nodes).toHaveLength(nodes);
    expect(ledger()(store).learners).toEqual(before);
  });

  it("adding and removing a learner, and typing a timeout, are one step each", () => {
    const store = make();
    const taken = [...ledger()(store).replicas, ...(ledger()(store).learners ?? [])];
    const spare = store.getState().design.nodes!.find((n) => !taken.includes(n.id))!.id;
    store.getState().edit((d) => addLearner(d, "ledger", spare));
    store.getState().edit((d) => removeLearner(d, "ledger", spare));
    // Typing "3000" commits 3, 30, 300, 3000: the studio coalesces them by key into one step.
    for (const v of [3, 30, 300, 3000]) store.getState().edit((d) => updateStore(d, "ledger", { electionTimeoutMs: v }), { coalesce: "ledger:electionTimeoutMs" });
    expect(store.getState().past).toHaveLength(3);
    expect(ledger()(store).electionTimeoutMs).toBe(3000);
    store.getState().undo();
    store.getState().undo();
    expect(ledger()(store).learners).toContain(spare);
  });

  it("a refused edit (a voter as a learner) changes nothing and says why", () => {
    const store = make();
    expect(store.getState().edit((d) => addLearner(d, "ledger", ledger()(store).replicas[0]))).toBe(false);
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().toast?.text).toMatch(/already a voting replica/);
  });
});
