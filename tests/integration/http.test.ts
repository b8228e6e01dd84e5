/** How the route helpers answer what goes wrong (audit D4: busy database → 503, not 500). */
import { describe, expect, it, vi } from "vitest";
import { respond } from "@/lib/server/http";

describe("respond", () => {
  it("answers 503 with Retry-After when the database is busy or unreachable", async () => {
    for (const error of [
      Object.assign(new Error("Transaction API error: Unable to start a transaction in the given time."), { code: "P2028" }),
      Object.assign(new Error("Timed out fetching a new connection from the connection pool"), { code: "P2024" }),
      new Error("connect ECONNREFUSED 127.0.0.1:5432"),
      // PostgreSQL restarting (found by npm run faults: these were 500s).
      Object.assign(new Error("the database system is starting up"), { code: "57P03" }),
      new Error("Error in the driver adapter", { cause: Object.assign(new Error("db error"), { originalCode: "57P03" }) }),
      new Error("terminating connection due to administrator command"),
    ]) {
      const res = await respond(async () => {
        throw error;
      });
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("1");
      expect((await res.json()).error.code).toBe("unavailable");
    }
  });
  it("maps a service error made by another copy of the module (Next bundles routes apart; the engine pool is shared)", async () => {
    vi.resetModules();
    const other = await import("@/lib/server/errors");
    const res = await respond(async () => {
      throw new other.ValidationError([{ path: "regions[0].id", message: "is required" }]);
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.problems[0].path).toBe("regions[0].id");
  });

  it("still answers 500 for a bug", async () => {
    const res = await respond(async () => {
      throw new TypeError("x is undefined");
    });
    expect(res.status).toBe(500);
  });
});
