/**
 * The arithmetic of the shared rate limits and wrong-key throttle. The database statements follow
 * these functions step for step; tests/integration/shared-limits.test.ts checks that they agree.
 */
import { describe, expect, it } from "vitest";
import { refilled, secondsUntilToken, storageKey, SweepGate, SWEEP_EVERY_MS } from "./rate-limit";
import { wrongKeyDelay } from "./throttle";

const comments = { capacity: 10, perMinute: 10 };

describe("token bucket arithmetic", () => {
  it("refills perMinute tokens a minute, never above capacity, never backwards", () => {
    expect(refilled(0, 6_000, comments)).toBeCloseTo(1, 12);
    expect(refilled(2.5, 30_000, comments)).toBeCloseTo(7.5, 12);
    expect(refilled(9, 60 * 60_000, comments)).toBe(10);
    expect(refilled(3, -5_000, comments)).toBe(3); // another instance wrote a later time first
  });

  it("tells an empty bucket when its next token comes, in whole seconds (Retry-After)", () => {
    expect(secondsUntilToken(0, comments)).toBe(6);
    expect(secondsUntilToken(0.5, comments)).toBe(3);
    expect(secondsUntilToken(0.999, comments)).toBe(1);
    expect(secondsUntilToken(0, { capacity: 30, perMinute: 120 })).toBe(1);
    expect(secondsUntilToken(0, { capacity: 60, perMinute: 30 })).toBe(2);
  });

  it("a client that waits the Retry-After it was given gets its request", () => {
    for (const tokens of [0, 0.1, 0.37, 0.9]) {
      expect(refilled(tokens, secondsUntilToken(tokens, comments) * 1000, comments)).toBeGreaterThanOrEqual(1);
    }
  });
});

describe("wrong-key delays", () => {
  it("grow from the fourth miss of one address: 0.25 s, 0.5 s, 1 s … up to 10 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => wrongKeyDelay(n, n))).toEqual([0, 0, 0, 250, 500, 1000, 2000, 4000]);
    expect(wrongKeyDelay(20, 20)).toBe(10_000);
  });

  it("hold every wrong answer when more than 30 misses came from everyone", () => {
    expect(wrongKeyDelay(1, 30)).toBe(0);
    expect(wrongKeyDelay(1, 55)).toBe(2500);
    expect(wrongKeyDelay(1, 500)).toBe(10_000);
  });
});

describe("storage keys and sweeps", () => {
  it("keeps short keys readable and hashes long ones (a forged header) to a fixed length", () => {
    expect(storageKey("comments-link:abc")).toBe("comments-link:abc");
    const long = storageKey(`a:${"x".repeat(5000)}`);
    expect(long).toMatch(/^sha256:[A-Za-z0-9_-]{43}$/);
    expect(storageKey(`a:${"x".repeat(5000)}`)).toBe(long);
    expect(storageKey(`a:${"x".repeat(4999)}y`)).not.toBe(long);
  });

  it("sweeps at most once a minute per process", async () => {
    const gate = new SweepGate();
    let sweeps = 0;
    const sweep = async () => void sweeps++;
    await gate.maybe(1_000, sweep);
    await gate.maybe(1_000 + SWEEP_EVERY_MS - 1, sweep);
    expect(sweeps).toBe(1);
    await gate.maybe(1_000 + SWEEP_EVERY_MS, sweep);
    expect(sweeps).toBe(2);
  });
});
