/**
 * Two app instances on one PostgreSQL server (issue 16): limits taken through one instance hold on
 * the other. Real `next start` processes of the production build (tests/integration/two-instances.ts);
 * skipped on PGlite, which is one process per database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import { startTwoInstances, TWO_INSTANCES_START_MS, twoInstancesSkip, type Instance, type TwoInstances } from "./two-instances";

describe.skipIf(twoInstancesSkip !== null)("two app instances on one PostgreSQL", () => {
  let two: TwoInstances;
  beforeAll(async () => {
    // Behind a load balancer that appends the client's address: per-address comment limits apply.
    two = await startTwoInstances({ env: { QUORUM_TRUST_PROXY: "1" } });
  }, TWO_INSTANCES_START_MS);
  afterAll(() => two?.stop());

  /** A new design with a review link, made through instance A; returns the link's token. */
  async function sharedDesign(): Promise<string> {
    const created = await two.a.fetch("/api/designs", { method: "POST", json: raftLedger });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const link = await two.a.fetch(`/api/designs/${id}/review-links`, { method: "POST", json: {} });
    expect(link.status).toBe(201);
    return ((await link.json()) as { token: string }).token;
  }
  /** A reviewer's comment through `on`, from the client address `address` (as the proxy reports it). */
  const comment = (on: Instance, token: string, address: string, body = "Why three regions?") =>
    fetch(`${on.base}/api/review/${token}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify({ author: "Rita", body }),
    });

  it("an owner session opened on one instance is good on the other (sessions are in the database)", async () => {
    const res = await fetch(`${two.b.base}/api/designs`, { headers: { cookie: two.a.cookie } });
    expect(res.status).toBe(200);
  });

  it("a reviewer who used up the comment limit through instance A is refused on instance B, with Retry-After", async () => {
    const token = await sharedDesign();
    // Through A until A refuses (10 at once; a slow machine may see one more refilled meanwhile)…
    const throughA: number[] = [];
    while (throughA.length < 20 && throughA.at(-1) !== 429) throughA.push((await comment(two.a, token, "198.51.100.20", `comment ${throughA.length}`)).status);
    expect(throughA.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(throughA.at(-1)).toBe(429);
    // …then B refuses the same reviewer too.
    const onB = await comment(two.b, token, "198.51.100.20");
    expect(onB.status, two.b.logTail()).toBe(429);
    expect(Number(onB.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await onB.json()) as { error: { message: string } }).error.message).toMatch(/^Too many comments; try again in \d+ s$/);
    // Another reviewer of the same link is not held up by the first one, on either instance.
    expect((await comment(two.b, token, "198.51.100.21")).status).toBe(201);
  });

  it("a burst spread over both instances at once gets exactly the limit through", async () => {
    const token = await sharedDesign();
    const started = Date.now();
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => comment(i % 2 ? two.b : two.a, token, "198.51.100.30", `burst ${i}`).then((r) => r.status)));
    const refilled = Math.floor((Date.now() - started) / 6000); // 10 a minute: one more per 6 s the burst lasted
    const created = statuses.filter((s) => s === 201).length;
    expect(created).toBeGreaterThanOrEqual(10);
    expect(created).toBeLessThanOrEqual(10 + refilled);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - created);
    const stored = await two.db.comment.count({ where: { author: "Rita", body: { startsWith: "burst " } } });
    expect(stored).toBe(created);
  });

  it("wrong owner keys are counted across instances: misses through A delay the next one on B", async () => {
    const guess = (on: Instance) => {
      const started = performance.now();
      return fetch(`${on.base}/api/designs`, { headers: { authorization: "Bearer not-the-key", "x-forwarded-for": "203.0.113.66" } }).then((r) => ({ status: r.status, ms: performance.now() - started }));
    };
    // Counts decay in real time, so four misses a few ms apart count just under 4 (no delay yet);
    // the fifth waits 0.25 s and the sixth 0.5 s, wherever they arrive.
    const throughA = [await guess(two.a), await guess(two.a), await guess(two.a), await guess(two.a)];
    expect(throughA.map((g) => g.status)).toEqual([401, 401, 401, 401]);
    const fifth = await guess(two.b);
    expect(fifth.status).toBe(401);
    expect(fifth.ms).toBeGreaterThanOrEqual(250);
    const sixth = await guess(two.a);
    expect(sixth.ms).toBeGreaterThanOrEqual(500);
    // The right key is never held up.
    const right = await fetch(`${two.b.base}/api/designs`, { headers: { authorization: `Bearer ${two.ownerKey}`, "x-forwarded-for": "203.0.113.66" } });
    expect(right.status).toBe(200);
  });
});
