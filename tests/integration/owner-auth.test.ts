/**
 * Who may use the studio (issue 12: audit D1, D5, D7, D10, D11): private by default with a
 * generated key, sessions in the database, host names, throttling that never refuses the right key.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as analyzeRoute from "@/app/api/analyze/route";
import * as designsRoute from "@/app/api/designs/route";
import * as session from "@/app/api/session/route";
import { emptyDesign } from "@/lib/design/commands";
import { useDbForTests } from "@/lib/server/db";
import { createDesign } from "@/lib/server/designs";
import { ownerKeyFile, ownerMode, safeNext, UnsafeKeyFileError, weakKeyProblem } from "@/lib/server/owner-auth";
import { createReviewLink, revokeReviewLink } from "@/lib/server/review";
import { pruneSessions } from "@/lib/server/sessions";
import { WrongKeyThrottle } from "@/lib/server/throttle";
import { proxy } from "@/proxy";
import { freshDb, type TestDb } from "./test-db";

const KEY = "correct horse battery staple";
const request = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://localhost:3000${path}`, { headers: { host: "localhost:3000", ...headers } });
/** NextResponse.next() marks a request that goes on to the app. */
const passes = (res: Response) => res.headers.get("x-middleware-next") === "1";
const form = (fields: Record<string, string>, address = "10.0.0.1") =>
  new Request("http://localhost:3000/api/session", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": address },
  });
const cookieOf = (res: Response) => /qs_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1] ?? null;

let t: TestDb;
const saved = { ...process.env };

beforeAll(async () => {
  t = await freshDb();
  useDbForTests(t.db);
});
afterAll(() => t.close());
beforeEach(async () => {
  for (const name of ["QUORUM_OWNER_KEY", "QUORUM_OPEN", "QUORUM_ALLOWED_HOSTS", "DATA_DIR"]) delete process.env[name];
  await t.db.throttleScore.deleteMany(); // the misses of earlier tests (counted in the database)
});
afterEach(() => {
  process.env = { ...saved };
});

describe("private by default (audit D1)", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "qs-key-"));
    process.env.DATA_DIR = path.join(dir, "pglite");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("without QUORUM_OWNER_KEY, a key is generated in the data directory (owner-only file) and kept across starts", () => {
    const mode = ownerMode();
    expect(mode.kind).toBe("key");
    if (mode.kind !== "key") return;
    expect(mode.source).toBe("file");
    expect(ownerKeyFile()).toBe(path.join(dir, "pglite.owner-key"));
    expect(readFileSync(ownerKeyFile(), "utf8").trim()).toBe(mode.key);
    expect(mode.key).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    expect(statSync(ownerKeyFile()).mode & 0o777).toBe(0o600);
    expect(ownerMode()).toEqual(mode);
  });

  it("refuses a key file that another user could read or write (a planted or exposed key)", () => {
    const mode = ownerMode();
    if (mode.kind !== "key") throw new Error("expected a key");
    chmodSync(ownerKeyFile(), 0o644);
    (globalThis as unknown as { quorumGeneratedKey?: Map<string, string> }).quorumGeneratedKey?.clear();
    expect(() => ownerMode()).toThrow(UnsafeKeyFileError);
    expect(() => ownerMode()).toThrow(/can be read or written by other users; delete it .* or run `chmod 600/);
    chmodSync(ownerKeyFile(), 0o600);
    expect(ownerMode()).toEqual(mode);
  });

  it("a review link's holder gets nothing but the review: the list, the studio and the designs API are closed", async () => {
    expect((await proxy(request("/api/designs"))).status).toBe(401);
    expect((await designsRoute.GET(new Request("http://localhost:3000/api/designs"))).status).toBe(401); // even without the proxy
    const page = await proxy(request("/designs/abc?x=1"));
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("http://localhost:3000/sign-in?next=%2Fdesigns%2Fabc%3Fx%3D1");
    for (const path of ["/r/abc", "/api/review/abc", "/sign-in"]) expect(passes(await proxy(request(path))), path).toBe(true);
  });

  it("the generated key signs in (the printed link's form posts it)", async () => {
    const mode = ownerMode();
    if (mode.kind !== "key") throw new Error("expected a key");
    const res = await session.POST(form({ key: mode.key, next: "/" }));
    expect(res.headers.get("location")).toBe("/");
    expect(passes(await proxy(request("/", { cookie: `qs_session=${cookieOf(res)}` })))).toBe(true);
  });

  it("QUORUM_OPEN=1 keeps the open studio for a trusted network (no key file written)", async () => {
    process.env.QUORUM_OPEN = "1";
    expect(ownerMode()).toEqual({ kind: "open" });
    expect(passes(await proxy(request("/api/designs")))).toBe(true);
    expect(() => statSync(ownerKeyFile())).toThrow();
  });

  it("an owner key from the environment must be long enough", () => {
    process.env.QUORUM_OWNER_KEY = "hunter2";
    expect(weakKeyProblem()).toMatch(/7 characters; an owner key needs at least 16/);
    process.env.QUORUM_OWNER_KEY = KEY;
    expect(weakKeyProblem()).toBeNull();
  });
});

describe("host names (audit D7)", () => {
  const at = (host: string) => proxy(new NextRequest(`http://${host}/api/designs`, { headers: { host, authorization: `Bearer ${KEY}` } }));

  it("answers to this machine's names, in every mode, and to QUORUM_ALLOWED_HOSTS", async () => {
    for (const mode of [{ QUORUM_OWNER_KEY: KEY }, { QUORUM_OPEN: "1" }]) {
      Object.assign(process.env, mode);
      expect((await at("evil.example")).status).toBe(421);
      expect(await (await at("studio.lan:3000")).text()).toMatch(/QUORUM_ALLOWED_HOSTS/);
      for (const host of ["localhost:3000", "127.0.0.1:3000", "[::1]:3000", "studio.localhost:3000"]) expect(passes(await at(host)), host).toBe(true);
      delete process.env.QUORUM_OWNER_KEY;
      delete process.env.QUORUM_OPEN;
    }
    process.env.QUORUM_OWNER_KEY = KEY;
    process.env.QUORUM_ALLOWED_HOSTS = "studio.corp:8080, 10.0.0.5";
    expect(passes(await at("studio.corp:8080"))).toBe(true);
    expect((await at("studio.corp:9999")).status).toBe(421);
    expect(passes(await at("10.0.0.5:3000"))).toBe(true);
  });

  it("refuses writes from another site's pages (Origin), allows this site's and non-browser clients", async () => {
    process.env.QUORUM_OPEN = "1";
    const write = (headers: Record<string, string>) => proxy(new NextRequest("http://localhost:3000/api/designs", { method: "POST", headers: { host: "localhost:3000", ...headers } }));
    expect((await write({ origin: "https://evil.example", "content-type": "text/plain" })).status).toBe(403);
    expect((await write({ origin: "null" })).status).toBe(403);
    expect(passes(await write({ origin: "http://localhost:3000" }))).toBe(true);
    expect(passes(await write({}))).toBe(true); // curl, the CLI
  });
});

describe("sessions (audit D11)", () => {
  beforeEach(() => {
    process.env.QUORUM_OWNER_KEY = KEY;
  });

  it("every sign-in opens its own random session; the key itself is never the cookie", async () => {
    const wrong = await session.POST(form({ key: "nope", next: "/designs/abc" }));
    expect(wrong.headers.get("location")).toBe("/sign-in?next=%2Fdesigns%2Fabc&error=wrong-key");
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const first = await session.POST(form({ key: KEY, next: "/designs/abc" }));
    const second = await session.POST(form({ key: KEY, next: "/" }));
    expect(first.headers.get("location")).toBe("/designs/abc");
    expect(first.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(first.headers.get("set-cookie")).toMatch(/SameSite=lax/i);
    expect(cookieOf(first)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookieOf(first)).not.toBe(cookieOf(second));
    expect(first.headers.get("set-cookie")).not.toContain(KEY);
    expect(passes(await proxy(request("/", { cookie: `other=1; qs_session=${cookieOf(first)}` })))).toBe(true);
    expect((await proxy(request("/api/designs", { cookie: `qs_session=${KEY}` }))).status).toBe(401);
  });

  it("sign-out ends the session on the server: a copy of the cookie no longer works", async () => {
    const token = cookieOf(await session.POST(form({ key: KEY, next: "/" })));
    const other = cookieOf(await session.POST(form({ key: KEY, next: "/" })));
    const out = await session.DELETE(new Request("http://localhost:3000/api/session", { method: "DELETE", headers: { cookie: `qs_session=${token}` } }));
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/qs_session=;/);
    expect((await proxy(request("/api/designs", { cookie: `qs_session=${token}` }))).status).toBe(401);
    expect(passes(await proxy(request("/api/designs", { cookie: `qs_session=${other}` })))).toBe(true); // another browser stays in
  });

  it("a new owner key ends every session opened with the old one", async () => {
    const token = cookieOf(await session.POST(form({ key: KEY, next: "/" })));
    process.env.QUORUM_OWNER_KEY = "a completely different owner key";
    expect((await proxy(request("/api/designs", { cookie: `qs_session=${token}` }))).status).toBe(401);
    expect(await pruneSessions(t.db, process.env.QUORUM_OWNER_KEY)).toBeGreaterThan(0);
    expect(await t.db.ownerSession.count()).toBe(0);
  });

  it("sign-in redirects only to paths on this site (audit D5)", () => {
    expect(safeNext("//evil.example/x")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext("/\t/evil.example/x")).toBe("/"); // browsers drop the tab: //evil.example
    expect(safeNext("/.//evil.example")).toBe("/"); // resolves to "//evil.example"
    expect(safeNext("/a/..//evil.example")).toBe("/");
    expect(safeNext("/\n/evil.example")).toBe("/");
    expect(safeNext("/designs/abc?x=1#y")).toBe("/designs/abc?x=1#y");
  });
});

describe("guessing the owner key (audit D10)", () => {
  beforeEach(() => {
    process.env.QUORUM_OWNER_KEY = KEY;
  });

  it("wrong keys wait longer and longer, from one address and from everyone; the right key never waits", async () => {
    let now = Date.UTC(2026, 11, 1);
    const throttle = new WrongKeyThrottle({ db: () => t.db, now: () => now });
    const mine: number[] = [];
    for (let i = 0; i < 8; i++) mine.push(await throttle.wrong("10.0.0.9"));
    expect(mine.slice(0, 3)).toEqual([0, 0, 0]);
    expect(mine.slice(3)).toEqual([250, 500, 1000, 2000, 4000]);
    await throttle.right("10.0.0.9");
    expect(await throttle.wrong("10.0.0.9")).toBe(0); // the owner's own typos are forgiven on success
    const spread: number[] = [];
    for (let i = 0; i < 60; i++) spread.push(await throttle.wrong(`10.1.${i}.1`)); // one guess per address
    expect(spread[0]).toBe(0);
    expect(spread.at(-1)).toBeGreaterThanOrEqual(2500);
    now += 10 * 60_000; // ten quiet minutes
    expect(await throttle.wrong("10.2.0.1")).toBe(0);
  });

  it("after many wrong sign-ins and bearer keys from other addresses, the right key still gets in at once", async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => session.POST(form({ key: `guess-${i}`, next: "/" }, `10.9.${i}.1`))));
    const started = Date.now();
    const right = await session.POST(form({ key: KEY, next: "/" }, "10.0.0.77"));
    expect(right.headers.get("location")).toBe("/");
    expect(cookieOf(right)).not.toBeNull();
    const bearer = await proxy(request("/api/designs", { authorization: `Bearer ${KEY}`, "x-forwarded-for": "10.9.0.1" }));
    expect(passes(bearer)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  }, 30_000);

  it("a wrong bearer key is answered 401 (late), never with a lock-out of the right one", async () => {
    const statuses = await Promise.all(Array.from({ length: 35 }, (_, i) => proxy(request("/api/designs", { authorization: `Bearer guess-${i}`, "x-forwarded-for": `10.8.${i}.1` })).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(passes(await proxy(request("/api/designs", { authorization: `Bearer ${KEY}` })))).toBe(true);
  }, 30_000);
});

describe("the engine API (audit D9)", () => {
  const analyze = (headers: Record<string, string>) =>
    analyzeRoute.POST(new Request("http://localhost:3000/api/analyze", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(emptyDesign("x")) }));

  it("takes the owner or a live review token, nobody else", async () => {
    process.env.QUORUM_OWNER_KEY = KEY;
    const design = await createDesign(t.db, emptyDesign("Reviewed"));
    const { token, link } = await createReviewLink(t.db, design.id, {});
    expect((await analyze({})).status).toBe(401);
    expect((await analyze({ "x-review-token": "not-a-token" })).status).toBe(401);
    expect((await analyze({ authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await analyze({ "x-review-token": token })).status).toBe(200);
    await revokeReviewLink(t.db, design.id, link.id);
    expect((await analyze({ "x-review-token": token })).status).toBe(401);
  });
});
