/**
 * Rate limits and the wrong-key throttle hold across app instances (issue 16): two separate
 * PrismaClients on one database stand for two `next start` processes behind a load balancer. On
 * PostgreSQL (TEST_DATABASE_URL) their requests really run at the same time on separate
 * connections; on PGlite they share the one embedded database.
 */
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db";
import { RateLimiter, refilled, secondsUntilToken, SWEEP_EVERY_MS, type RateLimit } from "@/lib/server/rate-limit";
import { ADDRESS_HALF_LIFE_MS, WrongKeyThrottle } from "@/lib/server/throttle";
import { freshDb, type TestDb } from "./test-db";

let t: TestDb;
let a: Db;
let b: Db;
beforeAll(async () => {
  t = await freshDb();
  a = t.db;
  b = t.another();
});
afterAll(() => t?.close());
beforeEach(async () => {
  await a.rateLimitBucket.deleteMany();
  await a.throttleScore.deleteMany();
});

const comments: RateLimit = { capacity: 10, perMinute: 10 };
/** The same limit as seen by two app instances, each with its own client and its own limiter object. */
function onTwoInstances(limit: RateLimit, now?: () => number) {
  return [new RateLimiter("test", limit, { db: () => a, now }), new RateLimiter("test", limit, { db: () => b, now })] as const;
}

describe("a rate limit on two app instances", () => {
  it("is one bucket: what instance A took, instance B cannot take again", async () => {
    const now = Date.UTC(2026, 11, 1, 12);
    const [onA, onB] = onTwoInstances(comments, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) waits.push(await (i % 2 ? onB : onA).take("link-1"));
    expect(waits.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(waits.slice(10)).toEqual([6, 6]); // 10 a minute: one token every 6 s (the Retry-After)
    expect(await onB.take("link-2")).toBe(0); // another key has its own bucket
  });

  it("concurrent takes through both instances never exceed the capacity", async () => {
    const slow: RateLimit = { capacity: 10, perMinute: 0.01 }; // no refill within the test
    const [onA, onB] = onTwoInstances(slow);
    for (let round = 0; round < 5; round++) {
      const key = `burst-${round}`;
      const waits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? onB : onA).take(key)));
      expect(waits.filter((w) => w === 0)).toHaveLength(10);
      expect(waits.filter((w) => w > 0).every((w) => w >= 1)).toBe(true);
    }
    // The first take of a key races its own creation too: still exactly the capacity.
    const first = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? onB : onA).take("brand-new")));
    expect(first.filter((w) => w === 0)).toHaveLength(10);
  });

  it("refills on the database's clock, the same for every instance", async () => {
    const fast: RateLimit = { capacity: 2, perMinute: 60_000 }; // a token every millisecond
    const [onA, onB] = onTwoInstances(fast);
    expect(await onA.take("clock")).toBe(0);
    expect(await onB.take("clock")).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await onB.take("clock")).toBe(0);
    const row = await a.rateLimitBucket.findUniqueOrThrow({ where: { key: "test:clock" } });
    expect(Math.abs(row.updatedAt.getTime() - Date.now())).toBeLessThan(5_000);
  });

  it("answers exactly as the reference arithmetic (refilled, secondsUntilToken) on random sequences", async () => {
    const limit: RateLimit = { capacity: 3, perMinute: 7 };
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ onB: fc.boolean(), afterMs: fc.integer({ min: 0, max: 40_000 }) }), { minLength: 1, maxLength: 25 }), async (steps) => {
        let now = Date.UTC(2026, 11, 1) + run * 3_600_000;
        const key = `model-${run++}`;
        const [onA, onB] = onTwoInstances(limit, () => now);
        let model: { tokens: number; at: number } | null = null;
        for (const step of steps) {
          now += step.afterMs;
          const tokens: number = model ? refilled(model.tokens, now - model.at, limit) : limit.capacity;
          const expected = tokens >= 1 ? 0 : secondsUntilToken(tokens, limit);
          if (tokens >= 1) model = { tokens: tokens - 1, at: now }; // a refused take writes nothing
          expect(await (step.onB ? onB : onA).take(key)).toBe(expected);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("does not keep rows forever: buckets that are full again are swept", async () => {
    let now = Date.UTC(2026, 11, 2);
    const [onA, onB] = onTwoInstances(comments, () => now);
    for (let i = 0; i < 50; i++) await (i % 2 ? onB : onA).take(`visitor-${i}`);
    const hourly = new RateLimiter("hourly", { capacity: 10, perMinute: 1 }, { db: () => a, now: () => now });
    for (let i = 0; i < 10; i++) await hourly.take("busy"); // empty: full again only after 10 min
    expect(await a.rateLimitBucket.count()).toBe(51);
    now += 6_000 + SWEEP_EVERY_MS; // each visitor's one token is back (full, like no row); "busy" has 1.1 of 10
    await onB.take("late");
    const left = await a.rateLimitBucket.findMany({ select: { key: true } });
    expect(left.map((r) => r.key).sort()).toEqual(["hourly:busy", "test:late"]);
    expect(await hourly.take("busy")).toBe(0); // what was kept still counts
  });
});

describe("the wrong-key throttle on two app instances", () => {
  it("counts misses spread over both instances together", async () => {
    const now = Date.UTC(2026, 11, 3);
    const onA = new WrongKeyThrottle({ db: () => a, now: () => now });
    const onB = new WrongKeyThrottle({ db: () => b, now: () => now });
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) delays.push(await (i % 2 ? onB : onA).wrong("198.51.100.4"));
    expect(delays).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000]);
    await onB.right("198.51.100.4"); // signed in through B: forgotten on A too
    expect(await onA.wrong("198.51.100.4")).toBe(0);
  });

  it("loses no miss when guesses arrive at both instances at once", async () => {
    const now = Date.UTC(2026, 11, 4);
    const onA = new WrongKeyThrottle({ db: () => a, now: () => now });
    const onB = new WrongKeyThrottle({ db: () => b, now: () => now });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? onB : onA).wrong(i < 20 ? "203.0.113.1" : `203.0.113.${i}`)));
    const own = await a.throttleScore.findUniqueOrThrow({ where: { key: "a:203.0.113.1" } });
    const everyone = await a.throttleScore.findUniqueOrThrow({ where: { key: "*" } });
    expect(own.score).toBe(20);
    expect(everyone.score).toBe(40);
    // Everyone's count is past 30: the next wrong key from a fresh address waits too.
    expect(await onB.wrong("203.0.113.250")).toBe(1100);
  });

  it("forgets an address's misses after they decay, and sweeps them", async () => {
    let now = Date.UTC(2026, 11, 5);
    const onA = new WrongKeyThrottle({ db: () => a, now: () => now });
    for (let i = 0; i < 6; i++) await onA.wrong("192.0.2.50");
    now += 5 * ADDRESS_HALF_LIFE_MS; // 6 misses decay to under 0.2
    await new WrongKeyThrottle({ db: () => b, now: () => now }).wrong("192.0.2.51"); // a new process: sweeps at once
    expect((await a.throttleScore.findMany({ select: { key: true } })).map((r) => r.key).sort()).toEqual(["*", "a:192.0.2.51"]);
  });
});
