/** The README's run command keeps the studio on this machine unless the operator says otherwise (audit D8). */
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db";
import { applyMigrations, pendingMigrations } from "@/lib/server/migrate";

const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;

describe("npm start", () => {
  it("listens on 127.0.0.1 unless HOST is set (npm start, and npm run serve)", () => {
    for (const script of [scripts.start, scripts.serve]) {
      expect(script).toMatch(/next start .*-H \$\{HOST:-127\.0\.0\.1\}/);
      expect(script).not.toMatch(/0\.0\.0\.0/);
    }
  });
});

describe("the server's start", () => {
  it("sees migrations the database lacks (the server then refuses to start instead of answering 500s)", async () => {
    const pglite = new PGlite();
    const adapter = new PrismaPGlite(pglite);
    const db = createDb(adapter);
    const query = (sql: string) => db.$queryRawUnsafe<{ migration_name: string }[]>(sql);
    try {
      const all = await pendingMigrations(query);
      expect(all.length).toBeGreaterThanOrEqual(4);
      expect(all).toContain("20261201172820_owner_sessions");
      await applyMigrations(adapter);
      expect(await pendingMigrations(query)).toEqual([]);
    } finally {
      await db.$disconnect();
      await pglite.close();
    }
  });
});
