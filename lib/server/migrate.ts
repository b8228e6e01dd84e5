/**
 * Prisma migrations without the native schema engine.
 *
 * `prisma migrate` needs a native engine binary that it downloads from binaries.prisma.sh, which
 * these machines cannot reach. The same engine is published on npm compiled to WebAssembly
 * (@prisma/schema-engine-wasm) and speaks to the database through a Prisma driver adapter, so we
 * drive it directly: `applyMigrations` is `prisma migrate deploy`, `createMigration` is the
 * generating half of `prisma migrate dev`. The migrations folder keeps Prisma's own layout
 * (prisma/migrations/<timestamp>_<name>/migration.sql + migration_lock.toml), so the ordinary
 * Prisma CLI can take over wherever it can download its engine. See docs/adr/0001-migrations.md.
 */
import { readFile, readdir, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

const root = process.cwd();
export const schemaPath = path.join(root, "prisma", "schema.prisma");
export const migrationsDir = path.join(root, "prisma", "migrations");
const lockfileName = "migration_lock.toml";
const filters = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;

/** Instantiates the engine's WebAssembly once per process (the package's own entry needs a bundler). */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": engineModule });
    engineModule.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

async function openEngine(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await loadWasm();
  const schema = await readFile(schemaPath, "utf8");
  const log = (message: string) => {
    if (process.env.QUORUM_MIGRATE_DEBUG) console.error(message);
  };
  return engineModule.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
}

/** Reads prisma/migrations in Prisma's layout, the shape the engine expects. */
export async function readMigrations(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockContent = await readFile(path.join(migrationsDir, lockfileName), "utf8").catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockfileName, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(migrationsDir, dir, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((e: Error) => ({ tag: "error" as const, value: e.message })),
        },
      })),
    ),
  };
}

/**
 * Migrations in prisma/migrations that the database has not applied (all of them when it has no
 * migrations table): a cheap check for the server's start, which must not run on an old schema.
 */
export async function pendingMigrations(query: (sql: string) => Promise<{ migration_name: string }[]>): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const all = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const applied = await query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).then(
    (rows) => new Set(rows.map((r) => r.migration_name)),
    () => new Set<string>(),
  );
  return all.filter((name) => !applied.has(name));
}

/** `prisma migrate deploy`: applies every migration the database has not seen. */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openEngine(adapter);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await readMigrations(),
      filters,
    });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * The generating half of `prisma migrate dev`: diffs the migrations folder against
 * prisma/schema.prisma and writes a new migration directory. Run it against PGlite (its shadow
 * database is an in-memory PGlite; @prisma/adapter-pg 7.10 mishandles shadow databases).
 */
export async function createMigration(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  name: string,
): Promise<string | null> {
  const engine = await openEngine(adapter);
  try {
    const migrationsList = await readMigrations();
    // On a brand-new database devDiagnostic fails with P1014 unless migrations ran first.
    await engine.applyMigrations({ migrationsList, filters });
    await engine.devDiagnostic({ migrationsList, filters });
    const schema = await readFile(schemaPath, "utf8");
    const out = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: { files: [{ path: schemaPath, content: schema }] },
      filters,
    });
    if (!out.migrationScript) return null;
    const dir = path.join(migrationsDir, out.generatedMigrationName);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, `migration.${out.extension}`), out.migrationScript);
    await writeFile(
      path.join(migrationsDir, lockfileName),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
    );
    return out.generatedMigrationName;
  } finally {
    engine.free();
  }
}
