import path from "node:path";

/** Where PGlite keeps its files when no DATABASE_URL is given: DATA_DIR or ./data/pglite. */
export function pgliteDataDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR ?? path.join(process.cwd(), "data", "pglite"));
}
