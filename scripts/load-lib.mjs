/**
 * Shared parts of scripts/loadtest.mjs, scripts/faults.mjs and scripts/live-load.mjs: the
 * production build, a studio server of our own (loopback only, a random owner key), its database
 * (a throwaway PGlite directory, or a database of its own on a given or throwaway PostgreSQL
 * server), an HTTP client that times every request, latency statistics, design generation through
 * the repository's own generator, the check that every acknowledged save is in the history without
 * gaps, and a run's end (clean-ups, results file, verdict).
 *
 * Plain Node (no dependency beyond the project's own `pg` and `tsx`), so it runs as it is.
 */
/* global setTimeout, URL, AbortSignal, performance */
import { parseArgs } from "node:util";
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync, chownSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Synchronous clean-ups (kill our servers, stop our PostgreSQL, unmount our tmpfs) that also run
 * when the script is interrupted (Ctrl-C, a CI timeout's SIGTERM), so nothing is left behind.
 */
const exitHooks = new Set();
export function atExit(fn) {
  exitHooks.add(fn);
  return () => exitHooks.delete(fn);
}
export function runExitHooks() {
  for (const fn of [...exitHooks].reverse()) {
    exitHooks.delete(fn);
    try {
      fn();
    } catch {
      // best effort
    }
  }
}
process.on("exit", runExitHooks);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers this script started`);
    runExitHooks();
    process.exit(130);
  });
}
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const log = (...args) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

// ---------------------------------------------------------------------------------------------
// Loopback only

/** Whether a host name or address is this machine's loopback (the only targets these scripts accept). */
export function isLoopbackHost(host) {
  const h = String(host).replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Throws unless `url` (http or postgres) points at this machine's loopback. */
export function requireLoopback(url, what) {
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    throw new Error(`${what}: not a URL`);
  }
  // postgres URLs may name a Unix socket directory with ?host=/path: that is local too.
  const socketHost = new URL(url).searchParams.get("host");
  if (host === "" && socketHost?.startsWith("/")) return;
  if (!isLoopbackHost(host)) throw new Error(`${what} must point at this machine (127.0.0.1, ::1 or localhost), not "${host}": load and fault tests only run against loopback`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The production build

/** Files and folders whose change makes a build stale (tsconfig.json is left out: a build rewrites it). */
const BUILD_INPUTS = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.js", "package-lock.json", "prisma/schema.prisma"];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** The build's age against its sources: { fresh, builtAt, newestSource }. */
export function buildState(distDir) {
  const id = path.join(ROOT, distDir, "BUILD_ID");
  if (!existsSync(id)) return { fresh: false, builtAt: null };
  const builtAt = statSync(id).mtimeMs;
  const newestSource = Math.max(...BUILD_INPUTS.map((p) => newestMtime(path.join(ROOT, p))));
  return { fresh: builtAt > newestSource, builtAt, newestSource };
}

/** tsconfig.json without the include lines a build in `distDir` adds, for comparison. */
function tsconfigWithout(text, distDir) {
  try {
    const json = JSON.parse(text);
    if (Array.isArray(json.include)) json.include = json.include.filter((p) => !p.startsWith(`${distDir}/`));
    return JSON.stringify(json);
  } catch {
    return null;
  }
}

/**
 * Picks the build to serve: `--dist DIR` if given; else `into` (default .next-load), .next-load,
 * then .next, whichever is newer than every source file; else builds into `into` (NEXT_DIST_DIR, so it never collides
 * with the default .next of `npm start` or the e2e tests). `next build` rewrites tsconfig.json
 * (it adds the dist dir's types to "include"): the file is put back byte for byte when that
 * addition is the only change (or, when someone restored it meanwhile, set to the committed
 * version if that is all that differs, as `git checkout tsconfig.json` would), and left alone with
 * a warning when it holds other edits.
 */
export async function ensureBuild({ dist, rebuild = false, into = ".next-load" } = {}) {
  if (dist) {
    if (!existsSync(path.join(ROOT, dist, "BUILD_ID"))) throw new Error(`--dist ${dist}: no production build there (no BUILD_ID)`);
    const state = buildState(dist);
    if (!state.fresh) log(`warning: ${dist} is older than some source files; serving it anyway (--dist)`);
    return { distDir: dist, built: false, fresh: state.fresh };
  }
  if (!rebuild) {
    for (const candidate of new Set([into, ".next-load", ".next"])) {
      if (buildState(candidate).fresh) {
        log(`using the existing build in ${candidate} (newer than every source file)`);
        return { distDir: candidate, built: false, fresh: true };
      }
    }
  }
  const distDir = into;
  const tsconfigPath = path.join(ROOT, "tsconfig.json");
  const before = existsSync(tsconfigPath) ? readFileSync(tsconfigPath) : null;
  log(`building into ${distDir} (next build, NEXT_DIST_DIR=${distDir}) …`);
  const t0 = Date.now();
  const logFile = path.join(os.tmpdir(), `quorum-load-build-${process.pid}.log`);
  try {
    const code = await runLogged(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], {
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
      logFile,
    });
    if (code !== 0) throw new Error(`next build failed (exit ${code}); its output:\n${tail(logFile, 60)}`);
  } finally {
    rmSync(logFile, { force: true });
    if (before) {
      const after = readFileSync(tsconfigPath);
      if (!after.equals(before)) {
        const mine = tsconfigWithout(after.toString(), distDir);
        // What git checkout would restore, when the file was committed.
        const head = spawnSync("git", ["show", "HEAD:tsconfig.json"], { cwd: ROOT, encoding: "utf8" });
        if (mine !== null && mine === tsconfigWithout(before.toString(), distDir)) writeFileSync(tsconfigPath, before);
        else if (mine !== null && head.status === 0 && mine === tsconfigWithout(head.stdout, distDir)) writeFileSync(tsconfigPath, head.stdout);
        else log("warning: tsconfig.json changed during the build beyond the build's own include lines; left as it is (check it with git diff tsconfig.json)");
      }
    }
  }
  log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { distDir, built: true, fresh: true, buildSeconds: (Date.now() - t0) / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Child processes

function tail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

/** Runs a command with its output to `logFile`; resolves with the exit code. */
export function runLogged(command, args, { env = process.env, cwd = ROOT, logFile } = {}) {
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, "a");
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", fd, fd] });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      closeSync(fd);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** The environment of a studio process: only the database chosen here, a fresh owner key, nothing inherited that changes its behaviour. */
export function studioEnv(db, ownerKey, extra = {}) {
  const env = { ...process.env };
  for (const name of ["DATABASE_URL", "DATA_DIR", "QUORUM_OPEN", "QUORUM_ALLOWED_HOSTS", "QUORUM_TRUST_PROXY", "HOST", "PORT", "NEXT_DIST_DIR"]) delete env[name];
  Object.assign(env, { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", QUORUM_OWNER_KEY: ownerKey }, db.env, extra);
  return env;
}

/** Applies the migrations to the chosen database (scripts/db-migrate.ts deploy; no seed). */
export async function migrate(db, logFile) {
  const env = studioEnv(db, "unused");
  const code = await runLogged(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/db-migrate.ts"), "deploy"], { env, logFile });
  if (code !== 0) throw new Error(`migration failed (exit ${code}):\n${tail(logFile)}`);
}

/**
 * Starts `next start` on 127.0.0.1:`port` (a free one when not given) in its own process group (so
 * kill -9 reaches every process it made) and waits until the designs API answers the owner.
 */
export async function startServer({ distDir, db, ownerKey, port, logFile, readyTimeoutMs = 90_000 }) {
  port ??= await freePort();
  const env = studioEnv(db, ownerKey, distDir === ".next" ? {} : { NEXT_DIST_DIR: distDir });
  const fd = openSync(logFile, "a");
  const t0 = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  let exitInfo = null;
  const unhook = atExit(() => process.kill(-child.pid, "SIGKILL"));
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => {
      unhook();
      resolve((exitInfo = { code, signal }));
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const server = {
    base,
    pid: child.pid,
    exited,
    get exitInfo() {
      return exitInfo;
    },
    /** Signals the whole process group. */
    kill(signal = "SIGTERM") {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    },
    async stop() {
      if (exitInfo) return exitInfo;
      server.kill("SIGTERM");
      const done = await Promise.race([exited, sleep(10_000).then(() => null)]);
      if (done) return done;
      server.kill("SIGKILL");
      return exited;
    },
    startSeconds: 0,
  };
  for (;;) {
    if (exitInfo) throw new Error(`the studio server exited during start-up (${JSON.stringify(exitInfo)}):\n${tail(logFile)}`);
    if (Date.now() - t0 > readyTimeoutMs) {
      await server.stop();
      throw new Error(`the studio server did not answer within ${readyTimeoutMs / 1000} s:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${base}/api/designs`, { headers: { authorization: `Bearer ${ownerKey}` }, signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
      if (response.status === 401) throw new Error("the owner key was refused (401): has owner sign-in changed?");
    } catch (error) {
      if (String(error?.message).includes("owner key")) {
        await server.stop();
        throw error;
      }
    }
    await sleep(200);
  }
  server.startSeconds = (Date.now() - t0) / 1000;
  return server;
}

/** The lines of a server's log that mention an error (error, unhandled, FATAL); none when it cannot be read. */
export function logErrorLines(file) {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => /error|unhandled|FATAL/i.test(line));
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Databases

/** A PGlite database in `dataDir` (migrate() creates it). */
export const pgliteDb = (dataDir) => ({ label: "PGlite", env: { DATA_DIR: dataDir } });

function pgBinDir() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? path.join(base, versions.at(-1), "bin") : null;
}

/**
 * A throwaway PostgreSQL server on 127.0.0.1 (own data directory, free port), the way .ci/run
 * starts one; as root it runs as the postgres user. fsync stays on (the default): figures and
 * the durability checks are those of a real server. `stop()`/`start()` take it down and bring
 * it back on the same port (the fault tests); `destroy()` removes everything.
 */
export async function startPostgres({ fsync = true } = {}) {
  const bin = pgBinDir();
  if (!bin) throw new Error("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install -y postgresql)");
  const root = mkdtempSync(path.join(os.tmpdir(), "quorum-load-pg."));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
    const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
    chownSync(root, uid, gid);
  }
  const pgCommand = (command, args) => (asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args]);
  const asPgSync = (command, args) => {
    const [cmd, argv] = pgCommand(command, args);
    const result = spawnSync(cmd, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${path.basename(command)} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  };
  // Asynchronous, so clients keep running (and timing) while PostgreSQL stops or starts.
  const asPg = (command, args) =>
    new Promise((resolve, reject) => {
      const [cmd, argv] = pgCommand(command, args);
      const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(" ")} failed:\n${out}`))));
    });
  const port = await freePort();
  const data = path.join(root, "data");
  await asPg(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres"]);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=200${fsync ? "" : " -c fsync=off"}`;
  const pg = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir: data,
    version: spawnSync(path.join(bin, "postgres"), ["--version"], { encoding: "utf8" }).stdout.trim(),
    start: () => asPg(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(root, "log"), "-w", "-o", options, "start"]),
    /** mode: "fast" (disconnect clients, clean shutdown) or "immediate" (like a crash). */
    stop: (mode = "fast") => asPg(path.join(bin, "pg_ctl"), ["-D", data, "-m", mode, "-w", "stop"]),
    destroy() {
      unhook();
      try {
        asPgSync(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // not running
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  const unhook = atExit(() => pg.destroy());
  await pg.start();
  return pg;
}

/** Creates a database of its own on a PostgreSQL server (so a run never touches existing data); returns its URL and a drop(). */
export async function createDatabase(serverUrl) {
  requireLoopback(serverUrl, "the PostgreSQL URL");
  const { default: pg } = await import(pathToFileURL(path.join(ROOT, "node_modules/pg/lib/index.js")).href);
  const name = `quorum_load_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * The database of a run's studio, by `kind`: `pglite`, a fresh directory under `scratch`; `postgresql`, a
 * database of its own on LOADTEST_DATABASE_URL (loopback only) or else on a throwaway PostgreSQL
 * server started here (with `fsync` or without, as .ci/run runs it). Notes the server in
 * `results.postgres`; adds the clean-ups to `cleanups` (dropping the database comes first). The
 * migrations are applied (log: `scratch`/migrate.log); `migrateSeconds` says how long that took.
 */
export async function openDatabase(kind, { scratch, fsync = true, results, cleanups }) {
  const db = kind === "pglite" ? pgliteDb(path.join(scratch, "pglite")) : await postgresDb({ fsync, results, cleanups });
  const t0 = Date.now();
  await migrate(db, path.join(scratch, "migrate.log"));
  return { ...db, migrateSeconds: (Date.now() - t0) / 1000 };
}

async function postgresDb({ fsync, results, cleanups }) {
  let serverUrl = process.env.LOADTEST_DATABASE_URL;
  if (serverUrl) {
    requireLoopback(serverUrl, "LOADTEST_DATABASE_URL");
    results.postgres = { server: "given (LOADTEST_DATABASE_URL)" };
  } else {
    const pg = await startPostgres({ fsync });
    cleanups.push(() => pg.destroy());
    serverUrl = pg.url;
    results.postgres = { server: `throwaway, ${pg.version}, ${fsync ? "fsync on" : "fsync off (as .ci/run)"}` };
    log(`PostgreSQL started: ${pg.version} on 127.0.0.1:${pg.port}${fsync ? "" : " (fsync off)"}`);
  }
  const database = await createDatabase(serverUrl);
  cleanups.unshift(() => database.drop());
  return { label: `PostgreSQL (${database.name})`, env: { DATABASE_URL: database.url } };
}

// ---------------------------------------------------------------------------------------------
// HTTP

/**
 * One request, timed from sending to the last byte of the answer. Never throws: network errors
 * and timeouts come back as status 0 with `error`.
 */
export async function request(base, key, method, urlPath, { body, timeoutMs = 30_000, json = true } = {}) {
  const headers = {};
  if (key) headers.authorization = `Bearer ${key}`;
  let payload;
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = typeof body === "string" ? body : JSON.stringify(body);
  }
  const t0 = performance.now();
  try {
    const response = await fetch(base + urlPath, { method, headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    const ms = performance.now() - t0;
    let data = null;
    if (json && text && (response.headers.get("content-type") ?? "").includes("json")) {
      try {
        data = JSON.parse(text);
      } catch {
        data = null;
      }
    }
    return { status: response.status, ms, data, text, retryAfter: response.headers.get("retry-after"), at: Date.now() };
  } catch (error) {
    const ms = performance.now() - t0;
    const cause = error?.cause?.code ?? error?.name ?? "error";
    return { status: 0, ms, data: null, text: "", error: cause === "TimeoutError" ? "timeout" : String(cause), at: Date.now() };
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

/** Count, p50, p95, p99 and maximum of some latencies (ms, to 0.1 ms; null when there are none). */
export function distribution(values) {
  const sorted = Float64Array.from(values).sort();
  return { n: sorted.length, p50Ms: round(percentile(sorted, 50)), p95Ms: round(percentile(sorted, 95)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1)) };
}

/** Latencies and outcomes per kind of request. */
export class Recorder {
  constructor() {
    this.kinds = new Map();
  }
  record(kind, result) {
    let k = this.kinds.get(kind);
    if (!k) this.kinds.set(kind, (k = { ms: [], statuses: {}, retryAfter503: 0, bare503: 0, errors: {} }));
    k.ms.push(result.ms);
    const key = result.status === 0 ? result.error : String(result.status);
    k.statuses[key] = (k.statuses[key] ?? 0) + 1;
    if (result.status === 503) {
      if (result.retryAfter) k.retryAfter503++;
      else k.bare503++;
    }
  }
  /** The summary of the kinds given (all by default) over `seconds` of running. */
  summary(seconds, kinds = [...this.kinds.keys()]) {
    const ms = [];
    const statuses = {};
    let retryAfter503 = 0;
    let bare503 = 0;
    for (const kind of kinds) {
      const k = this.kinds.get(kind);
      if (!k) continue;
      for (const x of k.ms) ms.push(x);
      for (const [s, n] of Object.entries(k.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
      retryAfter503 += k.retryAfter503;
      bare503 += k.bare503;
    }
    const d = distribution(ms);
    return {
      requests: d.n,
      throughputPerSecond: round(d.n / seconds),
      p50Ms: d.p50Ms,
      p99Ms: d.p99Ms,
      maxMs: d.maxMs,
      statuses,
      retryAfter503,
      bare503,
    };
  }
  byKind(seconds) {
    return Object.fromEntries([...this.kinds.keys()].map((kind) => [kind, this.summary(seconds, [kind])]));
  }
}

/**
 * Sorts a summary's outcomes. `failures`: any 5xx except a 503 that carries Retry-After (documented:
 * a busy or unreachable database, README and lib/server/http.ts), and any status not in `expected`
 * (e.g. a 401 means the test no longer reaches the API it means to). `clientErrors`: requests that
 * got no HTTP answer (a timeout, a reset connection): reported, and failures only with --strict,
 * since a saturated 2-core machine running client and server can produce them without a server fault.
 */
export function failuresIn(summary, expected = ["200", "201", "409"]) {
  const failures = {};
  const clientErrors = {};
  for (const [status, n] of Object.entries(summary.statuses)) {
    if (status === "503") continue;
    if (!/^\d+$/.test(status)) clientErrors[status] = n;
    else if (!expected.includes(status)) failures[status] = n;
  }
  if (summary.bare503) failures["503 without Retry-After"] = summary.bare503;
  return { failures, clientErrors };
}

// ---------------------------------------------------------------------------------------------
// Designs

/**
 * Designs from the repository's own generator (lib/design/testing/generate.ts, run through tsx):
 * `small` (30 nodes) and, when `largeBytes` is given, a design whose JSON is close to that size
 * (the node count is scaled until it is within 3 %).
 */
export function generateDesigns({ largeBytes = 0 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "quorum-load-gen."));
  const script = path.join(dir, "gen.mts");
  const url = (p) => pathToFileURL(path.join(ROOT, p)).href;
  writeFileSync(
    script,
    `import { largeDesign } from ${JSON.stringify(url("lib/design/testing/generate.ts"))};
import { materializeLayout } from ${JSON.stringify(url("lib/design/commands.ts"))};
const make = (nodes: number) => materializeLayout(largeDesign({ nodes, stores: Math.max(1, Math.min(1000, Math.floor(nodes / 10))), operations: nodes, regions: Math.min(10, Math.max(3, Math.floor(nodes / 10))) }));
const small = make(30);
let large = null;
const target = ${Number(largeBytes)};
if (target > 0) {
  let nodes = Math.max(50, Math.round(target / 276));
  for (let i = 0; i < 6; i++) {
    const size = JSON.stringify(make(nodes)).length;
    if (Math.abs(size - target) / target < 0.03) break;
    nodes = Math.min(10000, Math.round(nodes * target / size));
  }
  large = make(nodes);
}
process.stdout.write(JSON.stringify({ small, large }));
`,
  );
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), [script], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  rmSync(dir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`generating designs failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/**
 * Checks one design against the saves the client saw acknowledged. Autosaves of one sitting fold
 * into one revision row (docs/adr/0003-revision-coalescing.md), so the history
 * (GET /api/designs/:id/revisions, every page) must hold version 1 and the current version, each
 * version at most once and none beyond the current one; its rows must account for every save
 * (the sum of their `saves` is the current version); an acknowledged version must either be there
 * with the name that save sent or have been folded into a later row; and the design's current
 * version must be at least the last acknowledged one.
 * `acks`: [{ version, name }]. Returns { ok, current, revisions, problems[], unacknowledged }.
 */
export async function verifyDesign(base, key, id, acks) {
  const problems = [];
  let design = null;
  let revisions = null;
  for (let attempt = 0; attempt < 5 && (!design || !revisions); attempt++) {
    if (attempt) await sleep(1000);
    const d = await request(base, key, "GET", `/api/designs/${id}`, { timeoutMs: 60_000 });
    if (d.status === 200) design = d.data;
    let all = [];
    let before = null;
    let status = 0;
    for (;;) {
      const r = await request(base, key, "GET", `/api/designs/${id}/revisions?limit=200${before ? `&before=${before}` : ""}`, { timeoutMs: 60_000 });
      status = r.status || r.error;
      if (r.status !== 200) {
        all = null;
        break;
      }
      all.push(...r.data.revisions);
      if (r.data.next === null) break;
      before = r.data.next;
    }
    if (all) revisions = all;
    if (attempt === 4 && (!design || !revisions)) problems.push(`could not read the design or its history (${d.status || d.error} / ${status})`);
  }
  if (!design || !revisions) return { ok: false, id, problems };
  const current = design.version;
  const byVersion = new Map();
  for (const rev of revisions) {
    if (byVersion.has(rev.version)) problems.push(`version ${rev.version} appears twice in the history`);
    byVersion.set(rev.version, rev);
  }
  for (const v of [1, current]) if (!byVersion.has(v)) problems.push(`version ${v} is missing from the history (current ${current})`);
  for (const v of byVersion.keys()) if (v > current || v < 1) problems.push(`history holds version ${v} beyond the design's current ${current}`);
  const saves = revisions.reduce((n, r) => n + (r.saves ?? 1), 0);
  if (saves !== current) problems.push(`the history's rows stand for ${saves} saves, but the design is at version ${current}`);
  const top = byVersion.get(current);
  if (top && top.name !== design.name) problems.push(`the design's name "${design.name}" differs from its latest revision's "${top.name}"`);
  let lastAck = 0;
  for (const ack of acks) {
    lastAck = Math.max(lastAck, ack.version);
    const rev = byVersion.get(ack.version);
    if (rev && rev.name !== ack.name) problems.push(`version ${ack.version} holds "${rev.name}", but the acknowledged save sent "${ack.name}"`);
    else if (!rev && ack.version >= current) problems.push(`acknowledged save of version ${ack.version} ("${ack.name}") is not in the history`);
  }
  if (current < lastAck) problems.push(`the design is at version ${current}, below the last acknowledged ${lastAck}`);
  const acked = new Set(acks.map((a) => a.version));
  let unacknowledged = 0;
  for (let v = 2; v <= current; v++) if (!acked.has(v)) unacknowledged++;
  return { ok: problems.length === 0, id, current, revisions: revisions.length, acknowledged: acks.length, unacknowledged, problems };
}

/** Verifies many designs (a few at a time) and sums the outcome. */
export async function verifyAll(base, key, designs) {
  const results = await withConcurrency(designs, 8, (d) => verifyDesign(base, key, d.id, d.acks));
  const problems = results.flatMap((r) => r.problems.map((p) => `${r.id}: ${p}`));
  return {
    ok: problems.length === 0,
    designs: results.length,
    acknowledgedSaves: results.reduce((n, r) => n + (r.acknowledged ?? 0), 0),
    revisions: results.reduce((n, r) => n + (r.revisions ?? 0), 0),
    committedButUnacknowledged: results.reduce((n, r) => n + (r.unacknowledged ?? 0), 0),
    problems,
  };
}

// ---------------------------------------------------------------------------------------------
// The machine and the code

export function machineInfo() {
  const git = (args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout?.trim() ?? "";
  const dirty = git(["status", "--porcelain"]).split("\n").filter(Boolean).length;
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model?.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
    node: process.version,
    commit: git(["rev-parse", "--short", "HEAD"]),
    uncommittedFiles: dirty,
  };
}

/** The machine and the code in one line: `<cores> × <cpu>[, load <1 min>], Node <v>, commit <c>[ + <n> uncommitted files]`. */
export function describeMachine(machine, { load = false } = {}) {
  const uncommitted = machine.uncommittedFiles ? ` + ${machine.uncommittedFiles} uncommitted files` : "";
  return `${machine.nproc} × ${machine.cpu}${load ? `, load ${machine.loadAverage1m}` : ""}, Node ${machine.node}, commit ${machine.commit}${uncommitted}`;
}

export function writeResults(prefix, data) {
  const dir = path.join(ROOT, "bench-results");
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  const file = path.join(dir, `${prefix}-${stamp}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
  return path.relative(ROOT, file);
}

export const randomKey = () => randomBytes(32).toString("base64url");
export const tempDir = (prefix) => mkdtempSync(path.join(os.tmpdir(), prefix));
/** fn(item, index) over `items`, at most `limit` at a time; resolves with the results in the items' order. */
export async function withConcurrency(items, limit, fn) {
  const queue = items.map((item, i) => [item, i]);
  const out = new Array(items.length);
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) out[next[1]] = await fn(next[0], next[1]);
    }),
  );
  return out;
}

/** Runs a run's clean-ups one after the other; one that fails is reported and the others still run. */
export async function runCleanups(cleanups) {
  for (const cleanup of cleanups) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup: ${error?.message ?? error}`);
    }
  }
}

/**
 * A run's end: notes the verdict and the load average at the end (other work on the machine shows
 * there), writes bench-results/<prefix>-<time>.json, prints `<passed or failed> — results in <file>`
 * and exits 0 or 1.
 */
export function finish(prefix, results, ok, { passed, failed }) {
  results.ok = ok;
  results.loadAverage1mAtEnd = Math.round(os.loadavg()[0] * 100) / 100;
  const file = writeResults(prefix, results);
  console.log(`\n${ok ? passed : failed} — results in ${file}`);
  process.exit(ok ? 0 : 1);
}

export const fmtMs = (x) => (x === null || x === undefined ? "—" : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

/** The command line's options (node:util parseArgs), or the usage and exit 2; `--help` prints it and exits 0. */
export function parseOptions(options, usage) {
  let values;
  try {
    ({ values } = parseArgs({ options: { ...options, help: { type: "boolean", default: false } } }));
  } catch (error) {
    console.error(`${error.message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}
