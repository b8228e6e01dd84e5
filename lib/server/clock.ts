/**
 * The server's clock for rules that depend on elapsed time (revision coalescing,
 * docs/adr/0003-revision-coalescing.md). Tests inject their own so they never sleep.
 */
let clock: () => Date = () => new Date();

export function now(): Date {
  return clock();
}

/** Tests only: `setClockForTests(() => t)`; `setClockForTests(null)` puts the real clock back. */
export function setClockForTests(fn: (() => Date) | null): void {
  clock = fn ?? (() => new Date());
}
