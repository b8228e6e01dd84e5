import { afterEach, describe, expect, it, vi } from "vitest";
import { analyze } from "../analysis/index";
import { largeDesign } from "../design/testing/generate";

/** A stand-in Worker: records what it is sent; the test answers (or fails) by hand. */
class FakeWorker {
  static last: FakeWorker | null = null;
  sent: { id: number; design: unknown }[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: ((e: unknown) => void) | null = null;
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(data: { id: number; design: unknown }) {
    this.sent.push(data);
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
    expect(worker.sent.map((m) => (m.design as { name: string }).name)).toEqual(["a"]);
    worker.onmessage!({ data: { id: worker.sent[0].id, analysis: { verdict: "A" } } });
    await expect(first).resolves.toEqual({ verdict: "A" });
    expect(worker.sent.map((m) => (m.design as { name: string }).name)).toEqual(["a", "c"]);
    worker.onmessage!({ data: { id: worker.sent[1].id, analysis: { verdict: "C" } } });
    await expect(third).resolves.toEqual({ verdict: "C" });
    // Small designs stay on the main thread (same frame as the edit).
    const small = largeDesign({ nodes: 20, stores: 2, operations: 20 });
    expect(studioAnalyzer(small)).toEqual(analyze(small));
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
