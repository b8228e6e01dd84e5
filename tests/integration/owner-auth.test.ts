import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import * as session from "@/app/api/session/route";
import { ownerSession, safeNext } from "@/lib/server/owner-auth";
import { proxy } from "@/proxy";

const KEY = "correct horse battery staple";
const request = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://studio.test${path}`, { headers });
/** A request to a keyless studio on this machine (the default answers only to localhost names). */
const local = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://localhost:3000${path}`, { headers: { host: "localhost:3000", ...headers } });
/** NextResponse.next() marks a request that goes on to the app. */
const passes = (res: Response) => res.headers.get("x-middleware-next") === "1";

afterEach(() => {
  delete process.env.QUORUM_OWNER_KEY;
});

describe("owner sign-in (QUORUM_OWNER_KEY)", () => {
  it("without a key the studio is open on this machine, with its security headers", () => {
    for (const path of ["/", "/designs/abc", "/api/designs", "/r/x"]) {
      const res = proxy(local(path));
      expect(passes(res), path).toBe(true);
      expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    }
  });

  it("with a key, owner paths need the session cookie or the bearer key; review tokens are not credentials", () => {
    process.env.QUORUM_OWNER_KEY = KEY;
    expect(proxy(request("/api/designs")).status).toBe(401);
    expect(proxy(request("/api/designs/abc/review-links", { authorization: "Bearer wrong" })).status).toBe(401);
    expect(proxy(request("/api/designs", { authorization: `Bearer ${"A".repeat(43)}` })).status).toBe(401);
    expect(proxy(request("/api/designs", { cookie: `qs_owner=${KEY}` })).status).toBe(401); // the key is not the session
    const page = proxy(request("/designs/abc?x=1"));
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("http://studio.test/sign-in?next=%2Fdesigns%2Fabc%3Fx%3D1");

    expect(passes(proxy(request("/api/designs", { authorization: `Bearer ${KEY}` })))).toBe(true);
    expect(passes(proxy(request("/", { cookie: `other=1; qs_owner=${ownerSession(KEY)}` })))).toBe(true);
  });

  it("refuses writes from another site's pages (Origin), allows this site's and non-browser clients", () => {
    process.env.QUORUM_ALLOWED_HOSTS = "studio.test";
    const write = (headers: Record<string, string>) => proxy(new NextRequest("http://studio.test/api/designs", { method: "POST", headers: { host: "studio.test", ...headers } }));
    const refused = write({ origin: "https://evil.example", "content-type": "text/plain" });
    expect(refused.status).toBe(403);
    expect(write({ origin: "null" }).status).toBe(403);
    expect(passes(write({ origin: "http://studio.test" }))).toBe(true);
    expect(passes(write({}))).toBe(true); // curl, the CLI
    expect(passes(proxy(new NextRequest("http://studio.test/api/designs", { headers: { host: "studio.test", origin: "https://evil.example" } })))).toBe(true); // reads are not writes
    delete process.env.QUORUM_ALLOWED_HOSTS;
  });

  it("a keyless studio answers only to localhost names by default (audit D7: DNS rebinding); QUORUM_OPEN=1 or a key lifts it", () => {
    const at = (host: string) => proxy(new NextRequest(`http://${host}/api/designs`, { headers: { host } }));
    expect(at("evil.example").status).toBe(421);
    expect(at("studio.lan:3000").status).toBe(421);
    for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "studio.localhost:3000"]) expect(passes(at(host)), host).toBe(true);
    process.env.QUORUM_OPEN = "1";
    expect(passes(at("studio.lan:3000"))).toBe(true);
    delete process.env.QUORUM_OPEN;
    process.env.QUORUM_OWNER_KEY = KEY;
    expect(at("studio.lan:3000").status).toBe(401); // served, but the owner gate asks for the key
  });

  it("answers only to QUORUM_ALLOWED_HOSTS when it is set (no DNS rebinding)", () => {
    const at = (host: string) => proxy(new NextRequest(`http://${host}/api/designs`, { headers: { host } }));
    process.env.QUORUM_ALLOWED_HOSTS = "localhost, studio.corp:8080, [::1]";
    try {
      expect(at("evil.example").status).toBe(421);
      expect(at("evil.example:3000").status).toBe(421);
      expect(passes(at("localhost:3000"))).toBe(true);
      expect(passes(at("studio.corp:8080"))).toBe(true);
      expect(at("studio.corp:9999").status).toBe(421);
      expect(passes(at("[::1]:3000"))).toBe(true);
    } finally {
      delete process.env.QUORUM_ALLOWED_HOSTS;
    }
  });

  it("with a key, review links and sign-in stay open; the engine API needs the owner (audit D9)", () => {
    process.env.QUORUM_OWNER_KEY = KEY;
    for (const path of ["/r/abc", "/api/review/abc", "/api/review/abc/comments", "/sign-in"]) {
      expect(passes(proxy(request(path))), path).toBe(true);
    }
    for (const path of ["/api/analyze", "/api/simulate"]) {
      expect(proxy(request(path))?.status, path).toBe(401);
      expect(passes(proxy(request(path, { authorization: `Bearer ${KEY}` }))), path).toBe(true);
    }
  });

  const form = (fields: Record<string, string>) => {
    const body = new URLSearchParams(fields);
    return new Request("http://studio.test/api/session", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "10.0.0.1" } });
  };

  it("signs in with the right key (httpOnly session cookie, back to where the owner was going) and refuses a wrong one", async () => {
    process.env.QUORUM_OWNER_KEY = KEY;
    const wrong = await session.POST(form({ key: "nope", next: "/designs/abc" }));
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("location")).toBe("/sign-in?next=%2Fdesigns%2Fabc&error=wrong-key");
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const right = await session.POST(form({ key: KEY, next: "/designs/abc" }));
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toBe("/designs/abc");
    const cookie = right.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`qs_owner=${ownerSession(KEY)}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).not.toContain(KEY);
  });

  it("never redirects to another site after signing in", () => {
    expect(safeNext("//evil.example/x")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext("/\t/evil.example/x")).toBe("/"); // browsers drop the tab: //evil.example
    // Audit D5: dot segments resolve to a path that starts with "//" (another host in a Location).
    expect(safeNext("/.//evil.example")).toBe("/");
    expect(safeNext("/a/..//evil.example")).toBe("/");
    expect(safeNext("/designs/x?y=1#z")).toBe("/designs/x?y=1#z");
    expect(safeNext("/\n/evil.example")).toBe("/");
    expect(safeNext("/designs/abc?x=1#y")).toBe("/designs/abc?x=1#y");
    expect(safeNext("/designs/abc")).toBe("/designs/abc");
  });
});

// Runs last: the bearer limiter is shared by the whole process.
describe("guessing the owner key", () => {
  it("stops checking bearer keys for everyone after 30 wrong ones; sessions still work", () => {
    process.env.QUORUM_OWNER_KEY = KEY;
    // Earlier tests in this file spent a few wrong keys already.
    const statuses = Array.from({ length: 31 }, (_, i) => proxy(request("/api/designs", { authorization: `Bearer guess-${i}` })).status);
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(20);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
    const right = proxy(request("/api/designs", { authorization: `Bearer ${KEY}` }));
    expect(right.status).toBe(429); // not even the right key is checked: no oracle
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(passes(proxy(request("/", { cookie: `qs_owner=${ownerSession(KEY)}` })))).toBe(true);
  });
});
