/**
 * The engine's worker threads (issue 12, audit D4/D9): big designs are analysed off the event loop,
 * within a time budget, on threads small jobs do not have to queue behind.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as analyzeRoute from "@/app/api/analyze/route";
import { analyze } from "@/lib/analysis/index";
import { emptyDesign } from "@/lib/design/commands";
import { largeDesign } from "@/lib/design/testing/generate";
import { EngineBusyError, EnginePool, SMALL_JOB_BYTES } from "@/lib/server/engine";
import { ServiceError } from "@/lib/server/errors";
import { API_PBS } from "@/lib/server/analysis";
import { setClockForTests } from "@/lib/server/clock";
import { useDbForTests } from "@/lib/server/db";
import { freshDb, type TestDb } from "./test-db";

const pools: EnginePool[] = [];
const pool = (workers: number, budgetMs = 15_000, maxQueue = 64) => {
  const p = new EnginePool({ workers, budgetMs, maxQueue });
  pools.push(p);
  return p;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));

const big = largeDesign({ nodes: 3000, operations: 3000 });
const BIG_BYTES = JSON.stringify(big).length;

describe("engine worker threads", () => {
  it("analyse in a thread exactly as on the calling thread", async () => {
    const design = largeDesign(60);
    const inThread = await pool(2).run("analyze", design);
    expect(inThread).toEqual(JSON.parse(JSON.stringify(analyze(design, { pbs: API_PBS }))));
  });

  it("a big analysis leaves the event loop free: timers still fire on time", async () => {
    const engine = pool(2);
    await engine.run("analyze", emptyDesign("warm-up")); // thread started
    const job = engine.run("prepare", { input: big, previous: null }, BIG_BYTES);
    const lags: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      lags.push(now - last - 10);
      last = now;
    }, 10);
    const prepared = await job;
    clearInterval(timer);
    expect(prepared.summary.nodeCount).toBe(3000);
    expect(lags.length).toBeGreaterThan(5);
    expect(Math.max(...lags)).toBeLessThan(100); // the same job on the event loop blocks it for ~1 s
  });

  it("small jobs do not queue behind big ones: the first thread takes only small jobs", async () => {
    const engine = pool(2);
    const done: string[] = [];
    const bigs = [1, 2, 3].map((i) => engine.run("prepare", { input: big, previous: null }, BIG_BYTES).then(() => done.push(`big${i}`)));
    expect(BIG_BYTES).toBeGreaterThan(SMALL_JOB_BYTES);
    const small = engine.run("analyze", emptyDesign("small"), 100).then(() => done.push("small"));
    await Promise.all([...bigs, small]);
    expect(done[0]).toBe("small");
  });

  it("a job over its time budget answers 503 with Retry-After, and the thread is replaced", async () => {
    const engine = pool(1, 200);
    const slow = await engine.run("prepare", { input: big, previous: null }, BIG_BYTES).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(EngineBusyError);
    expect((slow as ServiceError).status).toBe(503);
    expect((slow as ServiceError).headers["retry-after"]).toBe("5");
    expect((slow as ServiceError).message).toMatch(/budget of 200 ms/);
    const next = await engine.run("prepare", { input: emptyDesign("after"), previous: null });
    expect(next.document.name).toBe("after");
  });

  it("a full queue answers 503 at once", async () => {
    const engine = pool(1, 15_000, 2);
    const queued = [1, 2, 3].map(() => engine.run("prepare", { input: big, previous: null }, BIG_BYTES).catch((e: unknown) => e));
    const refused = await engine.run("analyze", emptyDesign("x")).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EngineBusyError);
    await Promise.all(queued);
  });

  it("validation problems come back from the thread with their JSON paths (400)", async () => {
    const error = await pool(1).run("prepare", { input: { version: 1, name: "x", regions: [{ id: 5 }] }, prefix: "document", previous: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).status).toBe(400);
    const problems = (error as ServiceError).details.problems as { path: string }[];
    expect(problems.some((p) => p.path.startsWith("document.regions[0]"))).toBe(true);
  });
});

describe("POST /api/analyze, per client", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(); // the per-client buckets are in the database
    useDbForTests(t.db);
  });
  afterAll(() => t?.close());

  it("after a burst of 30 requests, a client is told to slow down (429 with Retry-After); another client is not", async () => {
    const post = (token: string) =>
      analyzeRoute.POST(new Request("http://localhost/api/analyze", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(emptyDesign("x")) }));
    setClockForTests(() => new Date(Date.UTC(2026, 11, 1, 9))); // no token comes back while a slow machine runs the test
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await post("client-a")).status); // open studio: any bearer is the owner
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    const limited = await post("client-a");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post("client-b")).status).toBe(200);
    setClockForTests(null);
  });
});
