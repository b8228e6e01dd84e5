import { afterEach, describe, expect, it, vi } from "vitest";
import { tVisibilityOf } from "../analysis/index";
import { EXAMPLES } from "../design/examples/index";
import { dynamoRing } from "../design/examples/dynamo-ring";
import { postgresPrimary } from "../design/examples/postgres-primary";
import { updateOperation, updateStore } from "../design/store-commands";
import { createTVisibilityRunner, planTVisibility, type TVisibilityDeliver } from "./t-visibility";
import { runPbs } from "../analysis/pbs";

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
    expect(planTVisibility(dynamoRing).flatMap((t) => t.ops)).toEqual(["view-cart"]);
  });
});

describe("the t-visibility runner", () => {
  const sync = () => createTVisibilityRunner({ trials: 500, debounceMs: 100, createWorker: () => null });

  it("computes off the call, delivers, and answers from its cache next time", async () => {
    vi.useFakeTimers();
    const run = sync();
    const deliver = vi.fn<TVisibilityDeliver>();
    const first = run(dynamoRing, deliver);
    expect(first).toEqual({ known: {}, pending: ["view-cart"] });
    expect(deliver).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(deliver).toHaveBeenCalledTimes(1);
    const [byOp, pending] = deliver.mock.calls[0];
    expect(Object.keys(byOp)).toEqual(["view-cart"]);
    expect(byOp["view-cart"].trials).toBe(500);
    expect(pending).toEqual([]);
    // A rename changes nothing the Monte Carlo draws: known at once, nothing pending.
    const renamed = updateOperation(dynamoRing, "add-item", { name: "Add to cart" });
    const again = run(renamed, vi.fn());
    expect(again.pending).toEqual([]);
    expect(again.known["view-cart"]).toEqual(byOp["view-cart"]);
  });

  it("a newer design supersedes an older one: the older one is never delivered", async () => {
    vi.useFakeTimers();
    const run = sync();
    const older = vi.fn<TVisibilityDeliver>();
    const newer = vi.fn<TVisibilityDeliver>();
    run(dynamoRing, older);
    const changed = updateStore(dynamoRing, "carts", { readQuorum: 1 });
    const start = run(changed, newer);
    expect(start.pending).toEqual(["view-cart"]);
    await vi.runAllTimersAsync();
    expect(older).not.toHaveBeenCalled();
    expect(newer).toHaveBeenCalledTimes(1);
  });

  it("designs in quick succession wait for a pause before running", async () => {
    vi.useFakeTimers();
    const worker = { postMessage: vi.fn(), onmessage: null } as unknown as Worker;
    const run = createTVisibilityRunner({ trials: 500, debounceMs: 100, createWorker: () => worker });
    run(dynamoRing, vi.fn()); // after a pause: at once
    expect(worker.postMessage).toHaveBeenCalledTimes(1);
    run(updateStore(dynamoRing, "carts", { readQuorum: 1 }), vi.fn());
    run(updateStore(dynamoRing, "carts", { writeQuorum: 1 }), vi.fn());
    expect(worker.postMessage).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(150);
    expect(worker.postMessage).toHaveBeenCalledTimes(2);
    expect(worker.postMessage.mock.calls[1][0].tasks).toHaveLength(1);
  });
});
