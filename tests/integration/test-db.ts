/**
 * A fresh, migrated database per test file: in-memory PGlite by default, or a throwaway database
 * on the PostgreSQL server named by TEST_DATABASE_URL (CI runs the suite both ways).
 */
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { createDb, type Db } from "@/lib/server/db";
import { applyMigrations } from "@/lib/server/migrate";

export interface TestDb {
  db: Db;
  dialect: string;
  /** The database's connection string (PostgreSQL only; PGlite has none: it lives in this process). */
  url: string | null;
  /** Another PrismaClient on the same database, as a second app instance has (closed with the rest). */
  another: () => Db;
  close: () => Promise<void>;
}

export async function freshDb(): Promise<TestDb> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let adapter: SqlMigrationAwareDriverAdapterFactory;
  let dispose: () => Promise<void>;
  let dialect: string;
  let url: string | null = null;
  let anotherAdapter: () => SqlMigrationAwareDriverAdapterFactory;
  if (serverUrl) {
    const name = `qs_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const own = new URL(serverUrl);
    own.pathname = `/${name}`;
    url = own.toString();
    const connectionString = url;
    adapter = new PrismaPg({ connectionString });
    anotherAdapter = () => new PrismaPg({ connectionString });
    dialect = "postgresql";
    dispose = async () => {
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    };
  } else {
    const pglite = new PGlite();
    adapter = new PrismaPGlite(pglite);
    anotherAdapter = () => new PrismaPGlite(pglite);
    dialect = "pglite";
    dispose = () => pglite.close();
  }
  await applyMigrations(adapter);
  const db = createDb(adapter);
  const others: Db[] = [];
  return {
    db,
    dialect,
    url,
    another: () => {
      const other = createDb(anotherAdapter());
      others.push(other);
      return other;
    },
    close: async () => {
      await Promise.all([db, ...others].map((client) => client.$disconnect()));
      await dispose();
    },
  };
}
