/**
 * The database connection: one PrismaClient per process.
 *
 * Default: PGlite (embedded PostgreSQL compiled to WebAssembly) in a data directory, DATA_DIR or
 * ./data/pglite. With DATABASE_URL=postgres://... a PostgreSQL server is used instead. Same
 * dialect, same migrations, same generated client either way.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { pgliteDataDir } from "./data-dir.ts";
import { lockDataDir, releaseDataDir } from "./data-lock.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;


function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** A driver adapter for the configured database (PGlite directory or PostgreSQL server). */
export function configuredAdapter(): { adapter: SqlMigrationAwareDriverAdapterFactory; close: () => Promise<void>; label: string } {
  const url = process.env.DATABASE_URL;
  if (url && isPostgresUrl(url)) {
    // Bounded waits: a frozen or partitioned server answers 503 (lib/server/http.ts) instead of
    // holding requests for as long as it lasts (found by npm run faults).
    const adapter = new PrismaPg({ connectionString: url, connectionTimeoutMillis: 10_000, query_timeout: 30_000 });
    return { adapter, close: async () => {}, label: url.replace(/\/\/[^@/]*@/, "//***@") };
  }
  if (url) throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.slice(0, 20)}…")`);
  const dir = pgliteDataDir();
  mkdirSync(path.dirname(dir), { recursive: true });
  lockDataDir(dir); // one process per directory: a second one refuses, naming the holder
  const pglite = new PGlite(dir);
  return {
    adapter: new PrismaPGlite(pglite),
    close: async () => {
      await pglite.close();
      releaseDataDir(dir);
    },
    label: `PGlite at ${dir}`,
  };
}

/** Creates a client over any driver adapter (tests pass an in-memory PGlite). */
export function createDb(adapter: SqlMigrationAwareDriverAdapterFactory): Db {
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { quorumDb?: Db };

/** The process-wide client (kept on globalThis so Next's dev reloads do not open a second PGlite). */
export function getDb(): Db {
  globalForDb.quorumDb ??= createDb(configuredAdapter().adapter);
  return globalForDb.quorumDb;
}

/** Tests hand the route handlers their own database. */
export function useDbForTests(db: Db): void {
  globalForDb.quorumDb = db;
}
