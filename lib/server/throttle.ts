/**
 * Slows down wrong owner keys without ever refusing the right one (audit D10). A sign-in or bearer
 * key is always checked; only a wrong one is answered late: after a few misses from one address
 * the answer waits 0.25 s, 0.5 s, 1 s … up to 10 s, and when wrong keys pour in from everywhere
 * (more than 30 in the last minute or so, all addresses together) every wrong answer waits too.
 * Someone guessing from many addresses therefore slows down, while the owner typing the right key
 * — from any address, during any attack — gets in at once. What keeps a key safe from guessing is
 * its length (generated keys are 256-bit; QUORUM_OWNER_KEY needs 16 characters or more).
 */
import { testClockMs } from "./clock";
import { getDb, type Db } from "./db";
import { clientAddress, storageKey, sweepExpired, SweepGate, type SharedStateOptions } from "./rate-limit";

/** A miss counts half as much after this long, per address… */
export const ADDRESS_HALF_LIFE_MS = 10 * 60_000;
/** …and for everyone together. */
export const EVERYONE_HALF_LIFE_MS = 60_000;
/** What a wrong key waits when its misses could not be counted (the database did not answer). */
export const UNCOUNTED_DELAY_MS = 1000;

/**
 * How long to hold a wrong key's answer, in ms, from the decayed counts of misses from its address
 * (`own`) and from everyone (`everyone`), both including this one.
 * @example wrongKeyDelay(5, 5) // 500: the fifth miss from one address
 */
export function wrongKeyDelay(own: number, everyone: number): number {
  const mine = own < 4 ? 0 : Math.min(10_000, 250 * 2 ** Math.floor(own - 4));
  const all = everyone <= 30 ? 0 : Math.min(10_000, Math.round((everyone - 30) * 100));
  return Math.max(mine, all);
}

/** The row of everyone's count; addresses are stored as `a:<address>`, so none can be named "*". */
const EVERYONE = "*";

/**
 * Adds 1 to one count after halving it for the time since its last miss ($n: key, $n+1: half-life
 * in s); it is forgotten (expiresAt) when it would have decayed below one half.
 */
function countMiss(name: string, key: string, halfLife: string): string {
  const decayed = `s."score" * power(0.5::float8, GREATEST(0::float8, EXTRACT(EPOCH FROM (excluded."updatedAt" - s."updatedAt"))::float8) / ${halfLife}::float8)`;
  const newest = `GREATEST(s."updatedAt", excluded."updatedAt")`;
  return `${name} AS (
  INSERT INTO "ThrottleScore" AS s ("key", "score", "updatedAt", "expiresAt")
  SELECT ${key}, 1, t, t + make_interval(secs => ${halfLife}::float8) FROM clock
  ON CONFLICT ("key") DO UPDATE SET
    "score" = ${decayed} + 1,
    "updatedAt" = ${newest},
    "expiresAt" = ${newest} + make_interval(secs => ${halfLife}::float8 * ln((${decayed} + 1) * 2) / ln(2::float8))
  RETURNING "score"
)`;
}

const WRONG_SQL = `
WITH clock AS (SELECT COALESCE(to_timestamp($2::float8 / 1000), statement_timestamp()) AS t),
${countMiss("own", "$1", "$3")},
${countMiss("everyone", "$4", "$5")}
SELECT own."score" AS "own", everyone."score" AS "everyone" FROM own, everyone`;

/**
 * The counts live in the database (ThrottleScore), so every app instance on it sees every miss:
 * spreading guesses over instances behind a load balancer does not reset them (docs/adr/0006).
 */
export class WrongKeyThrottle {
  private readonly db: () => Db;
  private readonly now: (() => number) | undefined;
  private readonly sweeps = new SweepGate();

  constructor(options: SharedStateOptions = {}) {
    this.db = options.db ?? getDb;
    this.now = options.now;
  }

  /** Records a wrong key from `address`; returns how long to hold the answer, in ms. */
  async wrong(address: string): Promise<number> {
    const nowMs = this.now?.() ?? testClockMs();
    try {
      const db = this.db();
      const rows = await db.$queryRawUnsafe<{ own: number; everyone: number }[]>(WRONG_SQL, storageKey(`a:${address}`), nowMs, ADDRESS_HALF_LIFE_MS / 1000, EVERYONE, EVERYONE_HALF_LIFE_MS / 1000);
      await this.sweeps.maybe(nowMs ?? Date.now(), () => sweepExpired(db, "ThrottleScore", nowMs));
      return wrongKeyDelay(Number(rows[0].own), Number(rows[0].everyone));
    } catch (error) {
      // Still a wrong key, answered 401 as always: only its delay is a guess.
      console.error("The wrong-key throttle could not count a miss:", error instanceof Error ? error.message : error);
      return UNCOUNTED_DELAY_MS;
    }
  }

  /** The right key from `address`: its misses are forgotten. Never fails a sign-in. */
  async right(address: string): Promise<void> {
    try {
      await this.db().throttleScore.deleteMany({ where: { key: storageKey(`a:${address}`) } });
    } catch {
      // the misses stay counted and decay on their own
    }
  }
}

const shared = globalThis as unknown as { quorumWrongKeys?: WrongKeyThrottle };

/** The process's throttle (one for the proxy and the routes, which Next bundles separately); its counts are in the database. */
export function wrongKeys(): WrongKeyThrottle {
  shared.quorumWrongKeys ??= new WrongKeyThrottle();
  return shared.quorumWrongKeys;
}

/**
 * The address to throttle by: the trusted proxy's (QUORUM_TRUST_PROXY=1), else what `next start`
 * put in X-Forwarded-For (the socket's address, unless the client sent the header itself — which
 * only buys a forger a fresh per-address count; the all-address count still applies).
 */
export function throttleAddress(request: Request): string {
  return clientAddress(request) ?? request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "unknown";
}

export const pause = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
