/**
 * npm run db:migrate            → apply pending migrations (prisma migrate deploy)
 * npm run db:migration:new NAME → write a new migration from prisma/schema.prisma (migrate dev)
 *
 * Both go through the WebAssembly schema engine (lib/server/migrate.ts); see
 * docs/adr/0001-migrations.md for why.
 */
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { configuredAdapter } from "../lib/server/db.ts";
import { applyMigrations, createMigration } from "../lib/server/migrate.ts";

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (command === "deploy") {
    const db = configuredAdapter();
    try {
      const applied = await applyMigrations(db.adapter);
      console.log(applied.length ? `Applied ${applied.join(", ")} to ${db.label}` : `Database up to date (${db.label})`);
    } finally {
      await db.close();
    }
    return 0;
  }
  if (command === "new" && name && /^[a-z0-9_]+$/.test(name)) {
    // Diff against a throwaway in-memory PGlite holding the existing migrations.
    const pglite = new PGlite();
    const created = await createMigration(new PrismaPGlite(pglite), name);
    console.log(created ? `Created prisma/migrations/${created}` : "Schema and migrations agree: nothing to create");
    return 0;
  }
  console.error("usage: db-migrate.ts deploy | new <snake_case_name>");
  return 2;
}

// The engine leaves a timer running, so exit explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("Migration failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
