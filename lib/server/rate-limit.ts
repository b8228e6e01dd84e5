/**
 * Token buckets in process memory, for comment posting. One process serves the studio (PGlite
 * allows one writer), so in-memory buckets are exact here; a multi-instance deployment would move
 * them to the database or a shared cache.
 */
export interface RateLimit {
  /** Most requests in a burst. */
  capacity: number;
  /** Requests regained per minute. */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from `key`'s bucket: 0 when allowed, else the seconds until one is free. */
  take(key: string): number {
    const now = this.now();
    const rate = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.capacity, at: now };
    bucket.tokens = Math.min(this.limit.capacity, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.sweep(now, rate);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / rate / 1000);
  }

  /** Seconds until `key` may make a request (0: now), without taking one. */
  waitFor(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const rate = this.limit.perMinute / 60_000;
    const tokens = Math.min(this.limit.capacity, bucket.tokens + (this.now() - bucket.at) * rate);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / rate / 1000);
  }

  /** Forgets buckets that have refilled completely (they behave exactly like new ones). */
  private sweep(now: number, rate: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * rate >= this.limit.capacity) this.buckets.delete(key);
    }
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
