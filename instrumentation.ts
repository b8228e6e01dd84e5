/**
 * Runs once when the server starts (Next.js instrumentation). With the embedded PGlite database,
 * the process takes its data directory's lock now rather than at the first request, so a second
 * server on the same directory refuses to start and says which process holds it (audit D2).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./lib/server/start-up")).startUp();
}
