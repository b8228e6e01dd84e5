import path from "node:path";
import { defineConfig } from "prisma/config";

// Offline: `prisma generate` wants a native schema engine binary it never really uses for
// generation. Pointing it at any existing file stops it from downloading one (stack.md).
// Migrations do not go through the Prisma CLI at all: see scripts/db-migrate.ts.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
