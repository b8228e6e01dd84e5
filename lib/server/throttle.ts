/**
 * Slows down wrong owner keys without ever refusing the right one (audit D10). A sign-in or bearer
 * key is always checked; only a wrong one is answered late: after a few misses from one address
 * the answer waits 0.25 s, 0.5 s, 1 s … up to 10 s, and when wrong keys pour in from everywhere
 * (more than 30 in the last minute or so, all addresses together) every wrong answer waits too.
 * Someone guessing from many addresses therefore slows down, while the owner typing the right key
 * — from any address, during any attack — gets in at once. What keeps a key safe from guessing is
 * its length (generated keys are 256-bit; QUORUM_OWNER_KEY needs 16 characters or more).
 */
import { clientAddress } from "./rate-limit";

interface Score {
  value: number;
  at: number;
}

/** Exponentially decaying counts: a miss adds 1, and the count halves every `halfLifeMs`. */
function decayed(score: Score | undefined, now: number, halfLifeMs: number): number {
  return score ? score.value * 0.5 ** ((now - score.at) / halfLifeMs) : 0;
}

export class WrongKeyThrottle {
  private readonly addresses = new Map<string, Score>();
  private global: Score = { value: 0, at: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a wrong key from `address`; returns how long to hold the answer, in ms. */
  wrong(address: string): number {
    const now = this.now();
    const mine = decayed(this.addresses.get(address), now, 10 * 60_000) + 1;
    this.addresses.set(address, { value: mine, at: now });
    this.global = { value: decayed(this.global, now, 60_000) + 1, at: now };
    if (this.addresses.size > 10_000) this.sweep(now);
    const own = mine < 4 ? 0 : Math.min(10_000, 250 * 2 ** Math.floor(mine - 4));
    const everyone = this.global.value <= 30 ? 0 : Math.min(10_000, Math.round((this.global.value - 30) * 100));
    return Math.max(own, everyone);
  }

  /** The right key from `address`: its misses are forgotten. */
  right(address: string): void {
    this.addresses.delete(address);
  }

  private sweep(now: number): void {
    for (const [address, score] of this.addresses) if (decayed(score, now, 10 * 60_000) < 0.5) this.addresses.delete(address);
  }
}

const shared = globalThis as unknown as { quorumWrongKeys?: WrongKeyThrottle };

/** The process's throttle (one for the proxy and the routes, which Next bundles separately). */
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
