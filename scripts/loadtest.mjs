#!/usr/bin/env node
/**
 * npm run loadtest [-- options]: the studio under load, on its own production server.
 *
 * Starts `next start` on a free port of 127.0.0.1 with a random QUORUM_OWNER_KEY (API calls send
 * it as a bearer key) on a throwaway database — a fresh PGlite directory, or with --pg a database
 * of its own on a PostgreSQL server (LOADTEST_DATABASE_URL, loopback only, else a throwaway server
 * started here) — and runs, each for --duration seconds:
 *   a. editors: --editors clients, each saving its own design as fast as the server answers
 *      (PUT with the version it based on; on 409 it re-reads and goes on);
 *   b. readers: --readers clients opening review links (GET /r/<token> and /api/review/<token>);
 *   c. mixed: --small clients saving and reading small designs, first alone, then while --large
 *      clients save ~1.8 MB designs: the small requests' p50/p99 without and with the large ones.
 * Then it reads every design's history and checks that every acknowledged save is there, with
 * versions 1..n and no gap. Exit 1 on any 5xx (a 503 with Retry-After — a busy or unreachable
 * database, documented — is counted apart and allowed), unexpected status, or lost or gapped
 * save; requests without an answer (timeouts, resets) are counted apart and fail only with
 * --strict. Results: bench-results/loadtest-<db>-<time>.json.
 *
 * The build: an existing .next-load or .next newer than every source file is served as it is;
 * otherwise it builds into .next-load (NEXT_DIST_DIR) and puts back tsconfig.json, which
 * `next build` rewrites. --rebuild forces a build, --dist DIR serves a given build.
 */
/* global structuredClone */
import { rmSync } from "node:fs";
import path from "node:path";
import {
  describeMachine,
  ensureBuild,
  failuresIn,
  finish,
  fmtMs,
  generateDesigns,
  log,
  logErrorLines,
  machineInfo,
  openDatabase,
  randomKey,
  Recorder,
  request,
  requireLoopback,
  runCleanups,
  sleep,
  startServer,
  tempDir,
  verifyAll,
  withConcurrency,
  parseOptions,
} from "./load-lib.mjs";

const USAGE = `usage: npm run loadtest -- [options]
  --pg               run on PostgreSQL (LOADTEST_DATABASE_URL, loopback only; else a throwaway server)
  --short            the CI run: 10 s per scenario, 20 editors, 50 readers, 8 small + 2 large clients
  --duration S       seconds per scenario (default 60; the mixed scenario spends half without, half with the large saves)
  --editors N        scenario a (default 50)     --readers N   scenario b (default 200)
  --small N          scenario c small clients (default 20)     --large N   large clients (default 3)
  --large-mb X       size of the large design (default 1.8)
  --scenarios LIST   which to run, e.g. a,c (default a,b,c)
  --strict           also fail on requests that got no HTTP answer (timeouts after 30 s, resets)
  --dist DIR         serve this build          --rebuild   build into .next-load first`;

const opts = parseOptions(
  {
    pg: { type: "boolean", default: false },
    short: { type: "boolean", default: false },
    duration: { type: "string" },
    editors: { type: "string" },
    readers: { type: "string" },
    small: { type: "string" },
    large: { type: "string" },
    "large-mb": { type: "string" },
    scenarios: { type: "string", default: "a,b,c" },
    dist: { type: "string" },
    rebuild: { type: "boolean", default: false },
    strict: { type: "boolean", default: false },
  },
  USAGE,
);
const num = (value, fallback, what) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${what} must be a positive number\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const config = {
  database: opts.pg ? "postgresql" : "pglite",
  durationSeconds: num(opts.duration, opts.short ? 10 : 60, "duration"),
  editors: Math.round(num(opts.editors, opts.short ? 20 : 50, "editors")),
  readers: Math.round(num(opts.readers, opts.short ? 50 : 200, "readers")),
  smallClients: Math.round(num(opts.small, opts.short ? 8 : 20, "small")),
  largeClients: Math.round(num(opts.large, opts.short ? 2 : 3, "large")),
  largeMB: num(opts["large-mb"], 1.8, "large-mb"),
  scenarios: opts.scenarios.split(",").map((s) => s.trim()),
  short: opts.short,
  strict: opts.strict,
};
// Bounds: a run is limited in time (the deadline) and in requests (each client makes one at a time).
if (config.durationSeconds > 600 || config.editors > 500 || config.readers > 1000 || config.largeClients > 20) {
  console.error("refusing: at most 600 s per scenario, 500 editors, 1000 readers, 20 large clients");
  process.exit(2);
}
if (config.largeMB * 1024 * 1024 > 1.95 * 1024 * 1024) {
  console.error("--large-mb must leave room under the API's 2 MB body limit (at most 1.95)");
  process.exit(2);
}
const MAX_REQUESTS = 2_000_000;
let requestsMade = 0;
/** Past this, clients stop retrying (a server that died or hangs must not keep the run going). */
let hardStopAt = Infinity;

const SAVE_TIMEOUT_MS = 60_000;
const LARGE_TIMEOUT_MS = 180_000;

// ---------------------------------------------------------------------------------------------

/** A design a client owns: its id, the version it is based on, the document it saves, and the saves it saw acknowledged. */
async function createOwned(base, key, document, name, rec) {
  const doc = structuredClone(document);
  doc.name = `${name} s0`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await request(base, key, "POST", "/api/designs", { body: doc, timeoutMs: LARGE_TIMEOUT_MS });
    rec?.record("create", r);
    if (r.status === 201) return { id: r.data.id, version: r.data.version, doc, name, seq: 0, acks: [{ version: 1, name: doc.name }], ackMismatch: 0 };
    if (r.status !== 503) throw new Error(`creating a design answered ${r.status || r.error}: ${r.text.slice(0, 300)}`);
    await sleep(1000);
  }
  throw new Error("creating a design: the server kept answering 503");
}

/** Re-reads the design's current version after a 409 or an error (the save may have landed); gives up after 20 tries (a dead server). */
async function resync(base, key, design, rec) {
  for (let attempt = 0; attempt < 20 && Date.now() < hardStopAt; attempt++) {
    const r = await request(base, key, "GET", `/api/designs/${design.id}`, { timeoutMs: SAVE_TIMEOUT_MS });
    requestsMade++;
    rec.record("resync", r);
    if (r.status === 200) {
      design.version = r.data.version;
      return;
    }
    await sleep(r.status === 503 ? retryAfterMs(r) : 500);
  }
}

const retryAfterMs = (r) => Math.min(5000, Math.max(100, Number(r.retryAfter) * 1000 || 1000));

/** One save of `design` with a new name (the marker the history check looks for). */
async function saveOnce(base, key, design, rec, kind, timeoutMs = SAVE_TIMEOUT_MS) {
  const marker = `${design.name} s${++design.seq}`;
  design.doc.name = marker;
  const body = JSON.stringify({ baseVersion: design.version, document: design.doc });
  const r = await request(base, key, "PUT", `/api/designs/${design.id}`, { body, timeoutMs });
  requestsMade++;
  rec.record(kind, r);
  if (r.status === 200) {
    if (r.data?.version !== design.version + 1 || r.data?.name !== marker) design.ackMismatch++;
    design.version = r.data.version;
    design.acks.push({ version: r.data.version, name: marker });
  } else if (r.status === 409) {
    await resync(base, key, design, rec);
  } else if (r.status === 503) {
    await sleep(retryAfterMs(r));
  } else {
    await sleep(200);
    await resync(base, key, design, rec);
  }
  return r;
}

/** Runs `fn(i)` in `n` clients until the deadline; resolves with the wall time in seconds, all requests finished. */
async function clients(n, seconds, fn) {
  const t0 = Date.now();
  const deadline = t0 + seconds * 1000;
  const alive = () => Date.now() < deadline && requestsMade < MAX_REQUESTS;
  hardStopAt = deadline + 120_000;
  await Promise.all(Array.from({ length: n }, (_, i) => fn(i, alive)));
  return (Date.now() - t0) / 1000;
}

function report(name, rec, seconds, expected) {
  const all = rec.summary(seconds);
  const byKind = rec.byKind(seconds);
  const { failures, clientErrors } = failuresIn(all, expected);
  if (config.strict) Object.assign(failures, clientErrors);
  console.log(`\n  ${name}: ${all.requests} requests in ${seconds.toFixed(1)} s = ${all.throughputPerSecond}/s`);
  for (const [kind, s] of Object.entries(byKind)) {
    console.log(
      `    ${kind.padEnd(14)} n=${String(s.requests).padStart(6)}  ${String(s.throughputPerSecond).padStart(7)}/s  p50 ${fmtMs(s.p50Ms).padStart(9)}  p99 ${fmtMs(s.p99Ms).padStart(9)}  max ${fmtMs(s.maxMs).padStart(9)}  ${JSON.stringify(s.statuses)}`,
    );
  }
  if (all.retryAfter503) console.log(`    503 with Retry-After (allowed, documented): ${all.retryAfter503}`);
  if (Object.keys(clientErrors).length) console.log(`    no HTTP answer (timeouts, resets; failures with --strict): ${JSON.stringify(clientErrors)}`);
  if (Object.keys(failures).length) console.log(`    FAILURES: ${JSON.stringify(failures)}`);
  return { all, byKind, failures, clientErrors };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

async function scenarioEditors(base, key, designs) {
  log(`a. ${config.editors} editors saving their own design for ${config.durationSeconds} s`);
  const owned = await withConcurrency(Array.from({ length: config.editors }), 10, (_, i) => createOwned(base, key, designs.small, `editor ${i}`));
  const rec = new Recorder();
  const seconds = await clients(config.editors, config.durationSeconds, async (i, alive) => {
    while (alive()) await saveOnce(base, key, owned[i], rec, "save");
  });
  const result = report("a. editors", rec, seconds, ["200", "409"]);
  const verification = await verifyAll(base, key, owned);
  const mismatched = owned.reduce((n, d) => n + d.ackMismatch, 0);
  return { name: "editors", clients: config.editors, seconds, ...result, ackMismatches: mismatched, verification };
}

async function scenarioReaders(base, key, designs) {
  const linkCount = Math.min(20, config.readers);
  log(`b. ${config.readers} readers on ${linkCount} review links for ${config.durationSeconds} s`);
  const owned = await withConcurrency(Array.from({ length: linkCount }), 10, (_, i) => createOwned(base, key, designs.small, `reviewed ${i}`));
  const links = await withConcurrency(owned, 10, async (design) => {
    const r = await request(base, key, "POST", `/api/designs/${design.id}/review-links`, { body: { label: "load test" } });
    if (r.status !== 201) throw new Error(`creating a review link answered ${r.status || r.error}: ${r.text.slice(0, 300)}`);
    return { token: r.data.token, path: r.data.path, name: design.doc.name };
  });
  const rec = new Recorder();
  let wrongContent = 0;
  const seconds = await clients(config.readers, config.durationSeconds, async (i, alive) => {
    const link = links[i % links.length];
    while (alive()) {
      const page = await request(base, null, "GET", link.path, { json: false });
      requestsMade++;
      rec.record("page", page);
      if (page.status === 200 && !page.text.includes("</html>")) wrongContent++;
      if (!alive()) break;
      const api = await request(base, null, "GET", `/api/review/${link.token}`);
      requestsMade++;
      rec.record("api", api);
      if (api.status === 200 && api.data?.name !== link.name) wrongContent++;
      if (page.status === 503 || api.status === 503) await sleep(1000);
    }
  });
  const result = report("b. readers", rec, seconds, ["200"]);
  if (wrongContent) result.failures.wrongContent = wrongContent;
  return { name: "readers", clients: config.readers, links: links.length, seconds, ...result, wrongContent };
}

async function scenarioMixed(base, key, designs) {
  const half = config.durationSeconds / 2;
  log(`c. ${config.smallClients} small clients (save + read), ${half} s alone, then ${half} s with ${config.largeClients} clients saving ${(designs.largeBytes / 1024 / 1024).toFixed(2)} MB designs`);
  const setup = new Recorder();
  const small = await withConcurrency(Array.from({ length: config.smallClients }), 10, (_, i) => createOwned(base, key, designs.small, `small ${i}`));
  const large = await withConcurrency(Array.from({ length: config.largeClients }), 2, (_, i) => createOwned(base, key, designs.large, `large ${i}`, setup));
  const smallClient = (rec) => async (i, alive) => {
    const design = small[i];
    while (alive()) {
      await saveOnce(base, key, design, rec, "small-save");
      if (!alive()) break;
      const r = await request(base, key, "GET", `/api/designs/${design.id}`);
      requestsMade++;
      rec.record("small-get", r);
      if (r.status === 503) await sleep(retryAfterMs(r));
    }
  };
  const alone = new Recorder();
  const aloneSeconds = await clients(config.smallClients, half, smallClient(alone));
  const withLarge = new Recorder();
  const t0 = Date.now();
  const deadline = t0 + half * 1000;
  const largeRun = Promise.all(
    large.map(async (design) => {
      while (Date.now() < deadline) await saveOnce(base, key, design, withLarge, "large-save", LARGE_TIMEOUT_MS);
    }),
  );
  // Small clients stop at the deadline; the large saves then in flight finish after it.
  const withSeconds = await clients(config.smallClients, half, smallClient(withLarge));
  await largeRun;
  const largeSeconds = (Date.now() - t0) / 1000;
  const created = setup.summary(1);
  console.log(`\n  c. mixed — creating the large designs (POST, ${(designs.largeBytes / 1024 / 1024).toFixed(2)} MB): ${created.requests} × p50 ${fmtMs(created.p50Ms)}, max ${fmtMs(created.maxMs)} ${JSON.stringify(created.statuses)}`);
  const r1 = report("c. mixed, small clients alone", alone, aloneSeconds, ["200", "409"]);
  const r2 = report("c. mixed, small clients + large saves", withLarge, withSeconds, ["200", "409"]);
  const smallOnly = (rec, s) => rec.summary(s, ["small-save", "small-get"]);
  const summary = {
    smallAlone: smallOnly(alone, aloneSeconds),
    smallWithLarge: smallOnly(withLarge, withSeconds),
    large: withLarge.summary(largeSeconds, ["large-save"]),
  };
  console.log(
    `    small requests p50/p99: alone ${fmtMs(summary.smallAlone.p50Ms)} / ${fmtMs(summary.smallAlone.p99Ms)}; with large saves ${fmtMs(summary.smallWithLarge.p50Ms)} / ${fmtMs(summary.smallWithLarge.p99Ms)}`,
  );
  const verification = await verifyAll(base, key, [...small, ...large]);
  const mismatched = [...small, ...large].reduce((n, d) => n + d.ackMismatch, 0);
  return {
    name: "mixed",
    smallClients: config.smallClients,
    largeClients: config.largeClients,
    largeBytes: designs.largeBytes,
    largeCreate: setup.summary(1),
    phases: { alone: { seconds: aloneSeconds, ...r1 }, withLarge: { seconds: withSeconds, largeSavesSeconds: largeSeconds, ...r2 } },
    summary,
    failures: { ...r1.failures, ...r2.failures },
    clientErrors: { ...r1.clientErrors, ...r2.clientErrors },
    ackMismatches: mismatched,
    verification,
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const machine = machineInfo();
  log(`loadtest on ${config.database}: ${describeMachine(machine)}`);
  const cleanups = [];
  const results = { config, machine, scenarios: [] };
  let server = null;
  let ok = true;
  try {
    if (config.database === "postgresql" && process.env.LOADTEST_DATABASE_URL) requireLoopback(process.env.LOADTEST_DATABASE_URL, "LOADTEST_DATABASE_URL");
    const build = await ensureBuild({ dist: opts.dist, rebuild: opts.rebuild });
    results.build = build;
    const scratch = tempDir("quorum-load.");
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
    const db = await openDatabase(config.database, { scratch, results, cleanups });
    results.migrateSeconds = db.migrateSeconds;
    const designs = generateDesigns({ largeBytes: config.scenarios.includes("c") ? Math.round(config.largeMB * 1024 * 1024) : 0 });
    designs.smallBytes = JSON.stringify(designs.small).length;
    designs.largeBytes = designs.large ? JSON.stringify(designs.large).length : 0;
    const key = randomKey();
    const serverLog = path.join(scratch, "server.log");
    server = await startServer({ distDir: build.distDir, db, ownerKey: key, logFile: serverLog });
    results.serverStartSeconds = server.startSeconds;
    results.designBytes = { small: designs.smallBytes, large: designs.largeBytes };
    log(`studio on ${server.base} (${db.label}, build ${build.distDir}) ready in ${server.startSeconds.toFixed(1)} s; small design ${(designs.smallBytes / 1024).toFixed(1)} KiB`);

    const scenarios = { a: scenarioEditors, b: scenarioReaders, c: scenarioMixed };
    for (const id of config.scenarios) {
      if (!scenarios[id]) throw new Error(`unknown scenario "${id}" (a, b, c)`);
      if (server.exitInfo) throw new Error(`the server exited: ${JSON.stringify(server.exitInfo)}`);
      const outcome = await scenarios[id](base(server), key, designs);
      results.scenarios.push(outcome);
      const v = outcome.verification;
      if (v) {
        console.log(
          `    history check: ${v.designs} designs, ${v.acknowledgedSaves} acknowledged saves, ${v.revisions} revisions, ${v.committedButUnacknowledged} committed without acknowledgement → ${v.ok ? "every acknowledged save present or folded into a later version, saves accounted for" : "FAILED"}`,
        );
        for (const p of v.problems.slice(0, 20)) console.log(`      ${p}`);
      }
      if (outcome.ackMismatches) console.log(`    ${outcome.ackMismatches} acknowledgements did not carry the expected version/name`);
      if (Object.keys(outcome.failures).length || (v && !v.ok) || outcome.ackMismatches) ok = false;
    }
    results.requestCapReached = requestsMade >= MAX_REQUESTS;
    const serverErrors = logErrorLines(serverLog).slice(0, 50);
    if (serverErrors.length) {
      results.serverLogErrors = serverErrors;
      console.log(`\n  the server logged ${serverErrors.length} error lines; first ones:\n    ${serverErrors.slice(0, 8).join("\n    ")}`);
    }
  } catch (error) {
    ok = false;
    results.error = String(error?.stack ?? error);
    console.error(`\nloadtest aborted: ${error?.message ?? error}`);
  } finally {
    if (server) await server.stop();
    await runCleanups(cleanups);
  }
  finish(`loadtest-${config.database}`, results, ok, { passed: "loadtest passed", failed: "loadtest FAILED" });
}

const base = (server) => server.base;

main();
