/**
 * The server's clock for rules that depend on elapsed time (revision coalescing,
 * docs/adr/0003-revision-coalescing.md). Tests inject their own so they never sleep.
 */
let clock: () => Date = () => new Date();
let injected = false;

export function now(): Date {
  return clock();
}

/** Tests only: `setClockForTests(() => t)`; `setClockForTests(null)` puts the real clock back. */
export function setClockForTests(fn: (() => Date) | null): void {
  clock = fn ?? (() => new Date());
  injected = fn !== null;
}

/**
 * The injected clock in epoch ms, or null when the real one runs. Rate limits count time on the
 * database's clock (one for every app instance, docs/adr/0006) unless a test has set its own.
 */
export function testClockMs(): number | null {
  return injected ? clock().getTime() : null;
}
