import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as adviseRoute from "@/app/api/advise/route";
import * as analyzeRoute from "@/app/api/analyze/route";
import * as simulateRoute from "@/app/api/simulate/route";
import { cockroachMultiRegion } from "@/lib/design/examples/cockroach-multi-region";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import { analyze } from "@/lib/analysis/index";
import { API_PBS } from "@/lib/server/analysis";
import { useDbForTests } from "@/lib/server/db";
import { freshDb, type TestDb } from "./test-db";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb(); // the engine API's per-client rate limit keeps its buckets in the database
  useDbForTests(t.db);
});
afterAll(() => t?.close());

const post = (handler: (r: Request) => Promise<Response>, body: unknown) =>
  handler(new Request("http://test.local/api", { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) }));

describe("POST /api/analyze", () => {
  it("returns the same JSON as the engine", async () => {
    const res = await post(analyzeRoute.POST, raftLedger);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(analyze(raftLedger, { pbs: API_PBS }))));
  });
  it("400 with problems for an invalid design or bad JSON", async () => {
    const bad = structuredClone(raftLedger);
    bad.operations![0].store = "nope";
    const res = await post(analyzeRoute.POST, bad);
    expect(res.status).toBe(400);
    expect((await res.json()).error.problems).toEqual([{ path: "operations[0].store", message: 'unknown store "nope"' }]);
    expect((await post(analyzeRoute.POST, "{")).status).toBe(400);
  });
});

describe("POST /api/simulate", () => {
  it("runs a scenario", async () => {
    const res = await post(simulateRoute.POST, { design: raftLedger, scenario: { failRegions: ["apse1", "euw1"] } });
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.operations.find((o: { id: string }) => o.id === "transfer")).toMatchObject({ available: false, diverging: false });
    expect(out.counts).toEqual({ available: 1, unavailable: 2, diverging: 0 });
  });
  it("400 names bad scenario ids and design problems with their paths", async () => {
    const res = await post(simulateRoute.POST, { design: raftLedger, scenario: { failZones: ["use1/q"] } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.problems).toEqual([{ path: "scenario.failZones[0]", message: 'region "use1" has no zone "q"' }]);
    const noDesign = await post(simulateRoute.POST, { scenario: {} });
    expect((await noDesign.json()).error.problems).toEqual([{ path: "design", message: "is required" }]);
    const badDesign = await post(simulateRoute.POST, { design: { format: "x", name: "y" } });
    expect((await badDesign.json()).error.problems[0].path).toBe("design.format");
  });
});

describe("POST /api/advise", () => {
  it("answers like the CLI: CockroachDB's example is already placed for region survival", async () => {
    const res = await post(adviseRoute.POST, { design: cockroachMultiRegion, store: "orders", survive: "region" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, voters: 5, unchanged: true, placement: { use1: { b: 1, c: 1 }, usw1: { a: 1, b: 1 }, euw1: { b: 1 } } });
  });
  it("400 names a missing store, a bad goal and design problems with their paths", async () => {
    const unknown = await post(adviseRoute.POST, { design: cockroachMultiRegion, store: "nope", survive: "zone" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.problems[0]).toMatchObject({ path: "store" });
    const goal = await post(adviseRoute.POST, { design: cockroachMultiRegion, store: "orders", survive: "planet" });
    expect((await goal.json()).error.problems[0].path).toBe("survive");
    const bad = await post(adviseRoute.POST, { design: { format: "x", name: "y" }, store: "s", survive: "zone" });
    expect((await bad.json()).error.problems[0].path).toBe("design.format");
  });
});
