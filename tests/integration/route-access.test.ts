/**
 * Every route declares who may call it (lib/server/access.ts), and the declaration agrees with the
 * proxy's owner paths: a new route without a declaration fails here, not in production.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { requiresOwner } from "@/lib/server/owner-auth";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}

/** app/api/designs/[id]/route.ts → /api/designs/x */
const samplePath = (file: string) => `/${path.relative("app", path.dirname(file)).split(path.sep).map((s) => (s.startsWith("[") ? "x" : s)).join("/")}`;

afterEach(() => {
  delete process.env.QUORUM_OWNER_KEY;
  process.env.QUORUM_OPEN = "1";
});

describe("route access declarations", () => {
  const files = routeFiles("app");
  it("finds the routes", () => expect(files.length).toBeGreaterThanOrEqual(16));

  for (const file of files) {
    it(`${samplePath(file)} declares access on every handler, in step with the proxy`, async () => {
      const mod = (await import(path.resolve(file))) as Record<string, unknown>;
      const handlers = METHODS.filter((m) => typeof mod[m] === "function");
      expect(handlers.length).toBeGreaterThan(0);
      for (const method of handlers) {
        const access = (mod[method] as { access?: string }).access;
        expect(["owner", "engine", "reviewer", "public"], `${method} ${samplePath(file)}`).toContain(access);
        expect(access === "owner", `${method} ${samplePath(file)}: owner routes are exactly the proxy's owner paths`).toBe(requiresOwner(samplePath(file)));
      }
    });
  }

  it("an owner route refuses a request without the owner's credentials even if the proxy did not run", async () => {
    delete process.env.QUORUM_OPEN;
    process.env.QUORUM_OWNER_KEY = "correct horse battery staple";
    const designs = await import("@/app/api/designs/route");
    const res = await designs.GET(new Request("http://localhost/api/designs"));
    expect(res.status).toBe(401);
  });
});
