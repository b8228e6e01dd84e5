import { afterEach, describe, expect, it, vi } from "vitest";
import { tVisibilityOf } from "../analysis/index";
import { EXAMPLES } from "../design/examples/index";
import type { Design } from "../design/schema";
import { postgresPrimary } from "../design/examples/postgres-primary";
import { updateOperation, updateStore } from "../design/store-commands";
import { createTVisibilityRunner, planTVisibility, type TVisibilityDeliver } from "./t-visibility";
import { runPbs } from "../analysis/pbs";

/** Leaderless R = W = 2 of 5 over two regions: one weak read (PBS applies) and one strong read (it does not). */
const ring: Design = {
  format: "quorum-studio/design@1",
  name: "ring",
  regions: [
    { id: "a", name: "A" },
    { id: "b", name: "B" },
  ],
  links: [{ a: "a", b: "b", rttMs: 60 }],
  nodes: ["1", "2", "3", "4", "5"].map((i) => ({ id: `n${i}`, name: `n${i}`, kind: "database", region: Number(i) <= 3 ? "a" : "b" })),
  stores: [{ id: "s", name: "S", purpose: "data", replication: "leaderless", replicas: ["n1", "n2", "n3", "n4", "n5"], readQuorum: 2, writeQuorum: 2, conflictResolution: "lww" }],
  operations: [
    { id: "w", name: "Write", store: "s", type: "write", consistency: "eventual", clientRegion: "a" },
    { id: "weak", name: "Weak read", store: "s", type: "read", consistency: "eventual", clientRegion: "b" },
    { id: "strong", name: "Strong read", store: "s", type: "read", consistency: "eventual", clientRegion: "a", quorum: 4 },
  ],
};

afterEach(() => {
  vi.useRealTimers();
});

describe("planTVisibility", () => {
  it("gives exactly the engine's tVisibilityOf numbers, one run per distinct configuration", () => {
    for (const { design } of EXAMPLES) {
      const tasks = planTVisibility(design, 3000);
      const mine = Object.fromEntries(tasks.flatMap((t) => t.ops.map((id) => [id, runPbs(t.config, t.trials)])));
      expect(mine).toEqual(tVisibilityOf(design, { trials: 3000 }));
    }
    // Two follower reads of one store share a configuration.
    const pg = planTVisibility(postgresPrimary, 1000);
    expect(pg.flatMap((t) => t.ops).sort()).toEqual(Object.keys(tVisibilityOf(postgresPrimary, { trials: 1000 })).sort());
  });

  it("plans nothing for strong reads and writes", () => {
    expect(planTVisibility(ring).flatMap((t) => t.ops)).toEqual(["weak"]);
  });
});

describe("the t-visibility runner", () => {
  const sync = () => createTVisibilityRunner({ trials: 500, debounceMs: 100, createWorker: () => null });

  it("computes off the call, delivers, and answers from its cache next time", async () => {
    vi.useFakeTimers();
    const run = sync();
    const deliver = vi.fn<TVisibilityDeliver>();
    const first = run(ring, deliver);
    expect(first).toEqual({ known: {}, pending: ["weak"] });
    expect(deliver).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(deliver).toHaveBeenCalledTimes(1);
    const [byOp, pending] = deliver.mock.calls[0];
    expect(Object.keys(byOp)).toEqual(["weak"]);
    expect(byOp["weak"].trials).toBe(500);
    expect(pending).toEqual([]);
    // A rename changes nothing the Monte Carlo draws: known at once, nothing pending.
    const renamed = updateOperation(ring, "w", { name: "Put" });
    const again = run(renamed, vi.fn());
    expect(again.pending).toEqual([]);
    expect(again.known["weak"]).toEqual(byOp["weak"]);
  });

  it("a newer design supersedes an older one: the older one is never delivered", async () => {
    vi.useFakeTimers();
    const run = sync();
    const older = vi.fn<TVisibilityDeliver>();
    const newer = vi.fn<TVisibilityDeliver>();
    run(ring, older);
    const changed = updateStore(ring, "s", { readQuorum: 1 });
    const start = run(changed, newer);
    expect(start.pending).toEqual(["weak"]);
    await vi.runAllTimersAsync();
    expect(older).not.toHaveBeenCalled();
    expect(newer).toHaveBeenCalledTimes(1);
  });

  it("designs in quick succession wait for a pause before running", async () => {
    vi.useFakeTimers();
    const worker = { postMessage: vi.fn(), onmessage: null } as unknown as Worker;
    const run = createTVisibilityRunner({ trials: 500, debounceMs: 100, createWorker: () => worker });
    run(ring, vi.fn()); // after a pause: at once
    expect(worker.postMessage).toHaveBeenCalledTimes(1);
    run(updateStore(ring, "s", { readQuorum: 1 }), vi.fn());
    const latest = updateStore(ring, "s", { writeQuorum: 1 });
    run(latest, vi.fn());
    expect(worker.postMessage).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(150);
    // One message for the last design only.
    expect(worker.postMessage).toHaveBeenCalledTimes(2);
    expect(vi.mocked(worker.postMessage).mock.calls[1][0].tasks.map((t: { key: string }) => t.key)).toEqual(planTVisibility(latest, 500).map((t) => t.key));
  });
});
