/**
 * Rate limits that hold across app instances (issue 16; docs/adr/0006): token buckets kept in the
 * database (RateLimitBucket), so several `next start` processes behind a load balancer on one
 * PostgreSQL server share them, and an embedded PGlite studio keeps them across restarts.
 *
 * A take is one statement: INSERT … ON CONFLICT DO UPDATE whose refill is computed in SQL from the
 * row it locked, with the update's WHERE refusing an empty bucket. PostgreSQL evaluates that WHERE
 * on the newest version of the row under its lock, so two instances (or two requests of one) can
 * never both take the last token. Time is the database's clock, one for every instance.
 */
import { createHash } from "node:crypto";
import { testClockMs } from "./clock";
import { getDb, type Db } from "./db";

export interface RateLimit {
  /** Most requests in a burst. */
  capacity: number;
  /** Requests regained per minute. */
  perMinute: number;
}

/**
 * Tokens in a bucket that held `tokens` `elapsedMs` ago. The SQL in `RateLimiter.take` does the
 * same operations in the same order (so its answers equal this function's, bit for bit; the
 * integration tests check it on random sequences).
 * @example refilled(0, 6_000, { capacity: 10, perMinute: 10 }) // 1
 */
export function refilled(tokens: number, elapsedMs: number, limit: RateLimit): number {
  return Math.min(limit.capacity, tokens + (Math.max(0, elapsedMs) / 1000) * (limit.perMinute / 60));
}

/**
 * Whole seconds until a bucket holding `tokens` (< 1) has a token again: the Retry-After.
 * @example secondsUntilToken(0.5, { capacity: 10, perMinute: 10 }) // 3
 */
export function secondsUntilToken(tokens: number, limit: RateLimit): number {
  return Math.max(1, Math.ceil((1 - tokens) / (limit.perMinute / 60)));
}

/** A key short enough for the primary key's index: long ones (a forged header) are hashed. */
export function storageKey(key: string): string {
  return key.length <= 200 ? key : `sha256:${createHash("sha256").update(key).digest("base64url")}`;
}

/** `$n` as the statement's time: the caller's clock in tests, the database's otherwise. */
const clockSql = (param: string) => `COALESCE(to_timestamp(${param}::float8 / 1000), statement_timestamp())`;

/** Refilled tokens of the locked row `b` at the proposed row's time ($3 capacity, $4 tokens per second), as in `refilled`. */
const REFILLED = `LEAST($3::float8, b."tokens" + GREATEST(0::float8, EXTRACT(EPOCH FROM (excluded."updatedAt" - b."updatedAt"))::float8) * $4::float8)`;
const NEWEST = `GREATEST(b."updatedAt", excluded."updatedAt")`;

const TAKE_SQL = `
WITH clock AS (SELECT ${clockSql("$2")} AS t),
taken AS (
  INSERT INTO "RateLimitBucket" AS b ("key", "tokens", "updatedAt", "expiresAt")
  SELECT $1, $3::float8 - 1, t, t + make_interval(secs => 1 / $4::float8) FROM clock
  ON CONFLICT ("key") DO UPDATE SET
    "tokens" = ${REFILLED} - 1,
    "updatedAt" = ${NEWEST},
    "expiresAt" = ${NEWEST} + make_interval(secs => ($3::float8 - (${REFILLED} - 1)) / $4::float8)
  WHERE ${REFILLED} >= 1
  RETURNING "tokens"
)
SELECT true AS "granted", "tokens" FROM taken
UNION ALL
SELECT false, LEAST($3::float8, b."tokens" + GREATEST(0::float8, EXTRACT(EPOCH FROM (clock.t - b."updatedAt"))::float8) * $4::float8)
FROM "RateLimitBucket" b, clock
WHERE b."key" = $1 AND NOT EXISTS (SELECT 1 FROM taken)`;

/** Sweeps run at most this often per process and table; a sweep deletes at most SWEEP_BATCH rows. */
export const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 1000;

/**
 * Deletes up to SWEEP_BATCH rows of `table` past their `expiresAt` (a full bucket, a forgotten
 * count: each behaves exactly like a missing row). Returns how many.
 */
export async function sweepExpired(db: Db, table: "RateLimitBucket" | "ThrottleScore", nowMs: number | null = null): Promise<number> {
  return db.$executeRawUnsafe(
    `DELETE FROM "${table}" WHERE "key" IN (SELECT "key" FROM "${table}" WHERE "expiresAt" < ${clockSql("$1")} LIMIT ${SWEEP_BATCH})`,
    nowMs,
  );
}

/** Calls `sweep` when the last call through this gate is SWEEP_EVERY_MS old: rows cannot pile up, and sweeping costs one statement a minute. */
export class SweepGate {
  private last = Number.NEGATIVE_INFINITY;

  async maybe(nowMs: number, sweep: () => Promise<unknown>): Promise<void> {
    if (nowMs - this.last < SWEEP_EVERY_MS && nowMs >= this.last) return;
    this.last = nowMs;
    await sweep();
  }
}

export interface SharedStateOptions {
  /** The database (default: the process's). */
  db?: () => Db;
  /** Epoch ms to use instead of the database's clock (tests; else a clock set with setClockForTests). */
  now?: () => number;
}

/** One rate limit (e.g. comments per review link): buckets named `<name>:<key>` in RateLimitBucket. */
export class RateLimiter {
  private readonly db: () => Db;
  private readonly now: (() => number) | undefined;
  private readonly sweeps = new SweepGate();

  constructor(
    readonly name: string,
    readonly limit: RateLimit,
    options: SharedStateOptions = {},
  ) {
    this.db = options.db ?? getDb;
    this.now = options.now;
  }

  /**
   * Takes one request from `key`'s bucket: 0 when allowed, else the seconds until one is free.
   * `db`: the database the caller works on (a service's own), else the limiter's.
   */
  async take(key: string, db: Db = this.db()): Promise<number> {
    const nowMs = this.now?.() ?? testClockMs();
    const rows = await db.$queryRawUnsafe<{ granted: boolean; tokens: number }[]>(TAKE_SQL, storageKey(`${this.name}:${key}`), nowMs, this.limit.capacity, this.limit.perMinute / 60);
    await this.sweeps.maybe(nowMs ?? Date.now(), () => sweepExpired(db, "RateLimitBucket", nowMs));
    const row = rows[0];
    if (row?.granted) return 0;
    // No row: it was created by a request that began after this one's snapshot and took the
    // last token; the wait for one token from empty is the longest it can be.
    return secondsUntilToken(row ? Number(row.tokens) : 0, this.limit);
  }
}

/**
 * The client's address for per-address limits, or null when it cannot be known. A route handler
 * never sees the socket, and `next start` passes a client-sent X-Forwarded-For through untouched,
 * so the header is only believed behind a reverse proxy that appends to it
 * (QUORUM_TRUST_PROXY=1): then its last entry is the address that proxy saw.
 */
export function clientAddress(request: Request, env: Record<string, string | undefined> = process.env): string | null {
  if (env.QUORUM_TRUST_PROXY !== "1") return null;
  const last = request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return last || null;
}
