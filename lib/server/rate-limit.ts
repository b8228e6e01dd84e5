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

  /** Forgets buckets that have refilled completely (they behave exactly like new ones). */
  private sweep(now: number, rate: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * rate >= this.limit.capacity) this.buckets.delete(key);
    }
  }
}

/** The client's address as the server saw it (Next fills x-forwarded-for from the socket). */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "unknown";
}
