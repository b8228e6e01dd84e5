import { afterEach, describe, expect, it, vi } from "vitest";
import { analyze } from "../analysis/index";
import { largeDesign } from "../design/testing/generate";
import { PatchReceiver, PatchSender, sameStructure, type Patch } from "./patch";

/**
 * A stand-in Worker: records what it is sent (decoding the design differences as the real worker
 * does); the test answers (or fails) by hand, through `reply`.
 */
class FakeWorker {
  static last: FakeWorker | null = null;
  sent: { id: number; design: { name: string; nodes?: unknown[] } }[] = [];
  patches: Patch[] = [];
  private designs = new PatchReceiver<{ name: string }>();
  private analyses = new PatchSender<object>(sameStructure);
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: ((e: unknown) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(data: { id: number; design: Patch }) {
    this.patches.push(data.design);
    this.sent.push({ id: data.id, design: this.designs.receive(data.design) });
  }
  reply(id: number, analysis: object) {
    this.onmessage!({ data: { id, analysis: this.analyses.send(analysis) } });
  }
  terminate() {
    this.terminated = true;
  }
}

async function load() {
  vi.resetModules();
  vi.stubGlobal("Worker", FakeWorker);
  return import("./analyzer");
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("studio analyzer", () => {
  const big = (name: string) => ({ ...largeDesign({ nodes: 400, stores: 40, operations: 400 }), name });

  it("analyses large designs in a worker, one at a time, and only the latest of those waiting", async () => {
    const { studioAnalyzer } = await load();
    const first = studioAnalyzer(big("a")) as Promise<unknown>;
    expect(first).toBeInstanceOf(Promise);
    const worker = FakeWorker.last!;
    const second = studioAnalyzer(big("b")) as Promise<unknown>;
    const third = studioAnalyzer(big("c")) as Promise<unknown>;
    // Typing "bc" while "a" is analysed: "b" is never analysed, "c" waits for the worker.
    await expect(second).rejects.toMatchObject({ name: "AnalysisSuperseded" });
    expect(worker.sent.map((m) => m.design.name)).toEqual(["a"]);
    worker.reply(worker.sent[0].id, { verdict: "A" });
    await expect(first).resolves.toEqual({ verdict: "A" });
    expect(worker.sent.map((m) => m.design.name)).toEqual(["a", "c"]);
    worker.reply(worker.sent[1].id, { verdict: "C" });
    await expect(third).resolves.toEqual({ verdict: "C" });
    // Small designs stay on the main thread (same frame as the edit).
    const small = largeDesign({ nodes: 20, stores: 2, operations: 20 });
    expect(studioAnalyzer(small)).toEqual(analyze(small));
  });

  it("sends only what changed, both ways, and keeps unchanged results as the same objects", async () => {
    const { studioAnalyzer } = await load();
    const a = big("a");
    const renamed = { ...a, nodes: a.nodes!.map((n, i) => (i === 3 ? { ...n, name: "renamed" } : n)) };
    const first = studioAnalyzer(a) as Promise<{ operations: object[] }>;
    const worker = FakeWorker.last!;
    worker.reply(worker.sent[0].id, analyze(a));
    const before = await first;
    const second = studioAnalyzer(renamed) as Promise<{ operations: object[] }>;
    // The design went whole the first time; the rename sends one node and nothing else.
    expect(worker.patches[1]).toEqual({ set: {}, arrays: { nodes: { reuse: expect.any(Array), fresh: [renamed.nodes![3]] } }, removed: [] });
    expect(worker.sent[1].design).toEqual(renamed);
    const next = { ...analyze(a), operations: analyze(a).operations.map((o, i) => (i === 7 ? { ...o, extra: 1 } : o)) };
    worker.reply(worker.sent[1].id, next);
    const after = await second;
    expect(after).toEqual(next);
    expect(after.operations[0]).toBe(before.operations[0]);
    expect(after.operations[7]).not.toBe(before.operations[7]);
  });

  it("falls back to the main thread when the worker fails", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { studioAnalyzer } = await load();
    const design = big("x");
    const pending = studioAnalyzer(design) as Promise<unknown>;
    const worker = FakeWorker.last!;
    worker.onerror!({ message: "boom", preventDefault() {} });
    await expect(pending).resolves.toEqual(analyze(design));
    expect(worker.terminated).toBe(true);
    expect(studioAnalyzer(design)).not.toBeInstanceOf(Promise);
  });
});
