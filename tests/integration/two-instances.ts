/**
 * Two app instances on one PostgreSQL server, as a load balancer would have them (issue 16): two
 * `next start` processes of the production build, on two free ports of 127.0.0.1, with the same
 * DATABASE_URL (a fresh, migrated database of their own on the TEST_DATABASE_URL server) and the
 * same owner key, each signed in as the owner. PGlite is one process per database, so without
 * TEST_DATABASE_URL there is nothing to run: `twoInstancesSkip` says why, for `describe.skipIf`.
 *
 *   describe.skipIf(twoInstancesSkip !== null)("…", () => {
 *     let two: TwoInstances;
 *     beforeAll(async () => { two = await startTwoInstances(); }, TWO_INSTANCES_START_MS);
 *     afterAll(() => two?.stop());
 *     it("…", async () => { const res = await two.a.fetch("/api/designs"); … });
 *   });
 *
 * The build: QUORUM_TEST_DIST (a NEXT_DIST_DIR such as .next-mine), else .next — CI's `npm test`
 * builds .next before the integration tests run again on PostgreSQL (.ci/run). A missing build is
 * an error, not a skip, so CI cannot pass without running these tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@/lib/server/db";
import { SESSION_COOKIE } from "@/lib/server/sessions";
import { freshDb } from "./test-db";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Why two instances cannot run here, or null when they can. */
export const twoInstancesSkip: string | null = process.env.TEST_DATABASE_URL
  ? null
  : "two app instances need a PostgreSQL server (TEST_DATABASE_URL): PGlite is one process per database";

/** Enough for two production servers to start on a busy CI machine (use it as the beforeAll timeout). */
export const TWO_INSTANCES_START_MS = 180_000;

export interface Instance {
  /** "A" or "B", for messages. */
  name: string;
  /** http://127.0.0.1:<port> */
  base: string;
  port: number;
  /** The Cookie header of this instance's owner session (`qs_session=…`). */
  cookie: string;
  /** fetch on this instance as its signed-in owner (the session cookie is added; JSON bodies: pass `json`). */
  fetch: (urlPath: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  /** The last lines of the server's output (for failure messages). */
  logTail: (lines?: number) => string;
  /** kill -9 of the whole server (no shutdown code runs), resolved once it is gone. */
  kill: () => Promise<void>;
}

export interface TwoInstances {
  a: Instance;
  b: Instance;
  /** The owner key both servers share (QUORUM_OWNER_KEY): `Authorization: Bearer <key>` works too. */
  ownerKey: string;
  /** The shared database: its URL, and a Prisma client on it for assertions. */
  databaseUrl: string;
  db: Db;
  /** Stops both servers (SIGTERM, then SIGKILL after 10 s) and drops the database. */
  stop: () => Promise<void>;
}

export interface TwoInstancesOptions {
  /** Extra environment for both servers, e.g. { QUORUM_TRUST_PROXY: "1" }. */
  env?: Record<string, string>;
  /** The build to serve (default QUORUM_TEST_DIST, else .next). */
  distDir?: string;
  readyTimeoutMs?: number;
}

/** Settings the servers must not inherit from the test process (vitest's QUORUM_OPEN=1 above all). */
const NOT_INHERITED = ["DATABASE_URL", "TEST_DATABASE_URL", "DATA_DIR", "QUORUM_OPEN", "QUORUM_OWNER_KEY", "QUORUM_ALLOWED_HOSTS", "QUORUM_TRUST_PROXY", "HOST", "PORT", "NEXT_DIST_DIR"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) if (!entry.startsWith(".") && entry !== "generated") newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** The build's directory; throws when there is none, warns when sources changed after it. */
function checkBuild(distDir: string): void {
  const id = path.join(ROOT, distDir, "BUILD_ID");
  if (!existsSync(id)) {
    throw new Error(
      `Two-instance tests serve the production build in ${distDir}, and there is none. Build it first (\`npx next build\`, as \`npm test\` does), or point QUORUM_TEST_DIST at one (\`NEXT_DIST_DIR=.next-mine npx next build\`).`,
    );
  }
  const builtAt = statSync(id).mtimeMs;
  const newest = Math.max(...["app", "lib", "proxy.ts", "instrumentation.ts", "prisma/migrations"].map((p) => newestMtime(path.join(ROOT, p))));
  if (newest > builtAt) console.warn(`two-instances: the build in ${distDir} is older than some source files; the servers run the older code`);
}

interface Server {
  child: ChildProcess;
  logFile: string;
  exited: Promise<void>;
  exitCode: () => number | string | null;
}

function tailOf(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal); // the whole group: next start and whatever it spawned
  } catch {
    // already gone
  }
}

function spawnServer(port: number, env: NodeJS.ProcessEnv, logFile: string): Server {
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", fd, fd],
    detached: true, // its own process group, so stop() reaches every process it made
  });
  closeSync(fd);
  running.add(child);
  let code: number | string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (c, signal) => {
      code = c ?? signal;
      running.delete(child);
      resolve();
    }),
  );
  return { child, logFile, exited, exitCode: () => code };
}

async function stopServer(server: Server): Promise<void> {
  if (server.exitCode() !== null) return;
  killGroup(server.child, "SIGTERM");
  const done = await Promise.race([server.exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!done) {
    killGroup(server.child, "SIGKILL");
    await server.exited;
  }
}

/** Waits until the server answers the owner on the designs API. */
async function waitReady(server: Server, base: string, ownerKey: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (server.exitCode() !== null) throw new Error(`the server on ${base} exited during start-up (${server.exitCode()}):\n${tailOf(server.logFile)}`);
    if (Date.now() - started > timeoutMs) throw new Error(`the server on ${base} did not answer within ${timeoutMs / 1000} s:\n${tailOf(server.logFile)}`);
    try {
      const res = await fetch(`${base}/api/designs`, { headers: { authorization: `Bearer ${ownerKey}` }, signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      if (res.status === 401) throw new Error(`the server on ${base} refused the owner key (401)`);
    } catch (error) {
      if (error instanceof Error && error.message.includes("owner key")) throw error;
    }
    await sleep(200);
  }
}

/** Signs in on `base` the way the sign-in page does (a form post of the key); returns the Cookie header. */
export async function signIn(base: string, key: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: "POST",
    body: new URLSearchParams({ key, next: "/" }),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
    redirect: "manual",
  });
  const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (res.status !== 303 || !token) throw new Error(`signing in on ${base} answered ${res.status} (location ${res.headers.get("location")}) without a session cookie`);
  return `${SESSION_COOKIE}=${token}`;
}

function instance(name: string, base: string, port: number, cookie: string, server: Server): Instance {
  return {
    name,
    base,
    port,
    cookie,
    fetch: (urlPath, init = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set("cookie", cookie);
      if (json !== undefined) headers.set("content-type", "application/json");
      // A browser on this instance's pages sends its own origin with every write.
      if (rest.method && rest.method !== "GET" && rest.method !== "HEAD" && !headers.has("origin")) headers.set("origin", base);
      return fetch(base + urlPath, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body, redirect: "manual" });
    },
    logTail: (lines) => tailOf(server.logFile, lines),
    kill: async () => {
      killGroup(server.child, "SIGKILL");
      await server.exited;
    },
  };
}

/** Starts instances A and B on one fresh PostgreSQL database (see the file's comment). */
export async function startTwoInstances(options: TwoInstancesOptions = {}): Promise<TwoInstances> {
  if (twoInstancesSkip) throw new Error(twoInstancesSkip);
  const distDir = options.distDir ?? process.env.QUORUM_TEST_DIST ?? ".next";
  checkBuild(distDir);
  const database = await freshDb(); // a database of their own on the server, migrated
  const databaseUrl = database.url!;
  const ownerKey = randomBytes(32).toString("base64url");
  const logs = mkdtempSync(path.join(tmpdir(), "qs-two-instances-"));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  Object.assign(env, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    QUORUM_OWNER_KEY: ownerKey,
    ...(distDir === ".next" ? {} : { NEXT_DIST_DIR: distDir }),
    ...options.env,
  });
  const servers: Server[] = [];
  const stop = async () => {
    await Promise.all(servers.map(stopServer));
    await database.close();
    rmSync(logs, { recursive: true, force: true });
  };
  try {
    const ports = [await freePort(), await freePort()];
    while (ports[1] === ports[0]) ports[1] = await freePort();
    const bases = ports.map((port) => `http://127.0.0.1:${port}`);
    ports.forEach((port, i) => servers.push(spawnServer(port, env, path.join(logs, `instance-${"AB"[i]}.log`))));
    const timeout = options.readyTimeoutMs ?? TWO_INSTANCES_START_MS - 30_000;
    await Promise.all(servers.map((server, i) => waitReady(server, bases[i], ownerKey, timeout)));
    const cookies = await Promise.all(bases.map((base) => signIn(base, ownerKey)));
    const [a, b] = [0, 1].map((i) => instance("AB"[i], bases[i], ports[i], cookies[i], servers[i]));
    return { a, b, ownerKey, databaseUrl, db: database.db, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
