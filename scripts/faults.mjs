#!/usr/bin/env node
/**
 * npm run faults [-- options]: the studio's own production server (127.0.0.1, random owner key,
 * throwaway databases) under three faults, while clients keep saving; after each fault it checks
 * that every save the clients saw acknowledged is in the history, with versions 1..n and no gap.
 *
 *   1. kill -9 mid-save (× --kills, default 5) on PGlite: the server's process group is killed
 *      while saves are in flight, then restarted on the same data directory.
 *   2. PostgreSQL stopped for --outage seconds (default 10; pg_ctl stop -m immediate, then start
 *      on the same port) under a running server: what the API answers meanwhile (documented: 503
 *      with Retry-After), and whether it recovers by itself, without a server restart. Then the
 *      same with the PostgreSQL processes frozen (SIGSTOP) instead: reachable but not answering.
 *   3. Disk full under PGlite: the data directory on a small tmpfs (needs root and mount), filled
 *      by saves of a large design; what the API answers, whether the server survives, whether it
 *      saves again once space is freed, and whether a restart finds every acknowledged save.
 *
 * Results: bench-results/faults-<time>.json. Exit 1 when an acknowledged save is lost or the
 * versions have a gap, when the server does not come back, or when the PostgreSQL outage is
 * answered with anything but 503 + Retry-After (a 500, a hang past the client's timeout).
 */
/* global structuredClone */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import {
  atExit,
  createDatabase,
  describeMachine,
  ensureBuild,
  finish,
  fmtMs,
  freePort,
  generateDesigns,
  log,
  machineInfo,
  migrate,
  pgliteDb,
  randomKey,
  request,
  sleep,
  startPostgres,
  startServer,
  tempDir,
  verifyAll,
  parseOptions,
} from "./load-lib.mjs";

const USAGE = "usage: npm run faults -- [--kills N] [--outage SECONDS] [--only kill,pg,disk] [--dist DIR] [--rebuild]";
const opts = parseOptions(
  {
    kills: { type: "string", default: "5" },
    outage: { type: "string", default: "10" },
    only: { type: "string", default: "kill,pg,disk" },
    dist: { type: "string" },
    rebuild: { type: "boolean", default: false },
  },
  USAGE,
);
const KILLS = Math.max(1, Math.min(50, Number(opts.kills) || 5));
const OUTAGE_S = Math.max(1, Math.min(120, Number(opts.outage) || 10));
const ONLY = new Set(opts.only.split(",").map((s) => s.trim()));
const CLIENT_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Clients that keep saving their own design and survive the server going away

async function createDesign(base, key, document, name) {
  const doc = structuredClone(document);
  doc.name = `${name} s0`;
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = await request(base, key, "POST", "/api/designs", { body: doc, timeoutMs: 120_000 });
    if (r.status === 201) return { id: r.data.id, version: r.data.version, doc, name, seq: 0, acks: [{ version: 1, name: doc.name }], inflight: null, lostInFlight: 0, landedInFlight: 0 };
    await sleep(1000);
  }
  throw new Error(`could not create a design: ${name}`);
}

/** Every response of a fault run, with the time it came back (ms since the run's start). */
class Timeline {
  constructor() {
    this.t0 = Date.now();
    this.events = [];
  }
  add(kind, r) {
    const status = r.status || r.error;
    this.events.push({ kind, t: r.at - this.t0, ms: Math.round(r.ms), status, retryAfter: r.retryAfter ?? null });
    const sample = `${kind} ${status}`;
    if (!(sample in this.samples) && status !== 200) this.samples[sample] = { retryAfter: r.retryAfter ?? null, body: (r.text ?? "").slice(0, 240) };
  }
  samples = {};
  now() {
    return Date.now() - this.t0;
  }
  /** Statuses (with Retry-After presence for 503) of the responses that came back in [from, to). */
  between(from, to) {
    const out = { requests: 0, statuses: {}, maxMs: 0, with503RetryAfter: 0, without503RetryAfter: 0 };
    for (const e of this.events) {
      if (e.t < from || e.t >= to) continue;
      out.requests++;
      out.statuses[e.status] = (out.statuses[e.status] ?? 0) + 1;
      out.maxMs = Math.max(out.maxMs, e.ms);
      if (e.status === 503) {
        if (e.retryAfter) out.with503RetryAfter++;
        else out.without503RetryAfter++;
      }
    }
    return out;
  }
}

/** Saves `design` over and over while `running()`; what each save sent is remembered until it is acknowledged. */
async function editLoop(ctx, design, kind, running, timeoutMs = CLIENT_TIMEOUT_MS) {
  while (running()) {
    const marker = `${design.name} s${++design.seq}`;
    design.doc.name = marker;
    design.inflight = { marker, baseVersion: design.version };
    const r = await request(ctx.base, ctx.key, "PUT", `/api/designs/${design.id}`, { body: JSON.stringify({ baseVersion: design.version, document: design.doc }), timeoutMs });
    ctx.timeline.add(kind, r);
    if (r.status === 200) {
      design.inflight = null;
      design.version = r.data.version;
      design.acks.push({ version: r.data.version, name: marker });
      ctx.onAck?.(design);
      continue;
    }
    // Not acknowledged: it may or may not have landed (the history check allows either).
    design.inflight = null;
    if (r.status === 409 || (r.status !== 0 && r.status !== 503)) await resyncOnce(ctx, design);
    else await sleep(r.status === 503 ? Math.min(5000, Number(r.retryAfter) * 1000 || 1000) : 250);
    if (r.status === 0 && running()) await resyncOnce(ctx, design);
  }
}

async function resyncOnce(ctx, design) {
  const r = await request(ctx.base, ctx.key, "GET", `/api/designs/${design.id}`, { timeoutMs: CLIENT_TIMEOUT_MS });
  ctx.timeline.add("resync", r);
  if (r.status === 200) design.version = r.data.version;
}

/** After a restart: every client re-reads its design's version (a save in flight at the kill may have landed). */
async function resyncAll(ctx, designs) {
  for (const design of designs) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const r = await request(ctx.base, ctx.key, "GET", `/api/designs/${design.id}`, { timeoutMs: CLIENT_TIMEOUT_MS });
      if (r.status === 200) {
        design.version = r.data.version;
        break;
      }
      await sleep(500);
    }
  }
}

const lastAck = (d) => d.acks.at(-1).version;

// ---------------------------------------------------------------------------------------------
// 1. kill -9 mid-save

async function faultKill(build, designs, scratch) {
  log(`1. kill -9 mid-save × ${KILLS} (PGlite)`);
  const dataDir = path.join(scratch, "kill", "pglite");
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const db = pgliteDb(dataDir);
  await migrate(db, path.join(scratch, "kill-migrate.log"));
  const key = randomKey();
  const port = await freePort();
  const logFile = path.join(scratch, "kill-server.log");
  let server = await startServer({ distDir: build.distDir, db, ownerKey: key, port, logFile });
  const ctx = { base: server.base, key, timeline: new Timeline() };
  const owned = [];
  for (let i = 0; i < 8; i++) owned.push(await createDesign(ctx.base, key, designs.small, `kill small ${i}`));
  owned.push(await createDesign(ctx.base, key, designs.large, "kill large 0"));
  const rounds = [];
  let ok = true;
  try {
    for (let round = 1; round <= KILLS; round++) {
      let running = true;
      const loops = owned.map((d, i) => editLoop(ctx, d, i === owned.length - 1 ? "large-save" : "save", () => running, 120_000));
      const runMs = 1500 + Math.floor(Math.random() * 3500);
      await sleep(runMs);
      // Kill the moment the next save is acknowledged: that save's commit is microseconds old,
      // and the other clients' saves are in flight.
      const justAcked = await new Promise((resolve) => (ctx.onAck = resolve));
      server.kill("SIGKILL");
      ctx.onAck = null;
      const inflight = owned.filter((d) => d.inflight).map((d) => ({ id: d.id, ...d.inflight }));
      const ackedBefore = owned.map(lastAck);
      running = false;
      const exit = await server.exited;
      await Promise.all(loops);
      const t0 = Date.now();
      let restartError = null;
      try {
        server = await startServer({ distDir: build.distDir, db, ownerKey: key, port, logFile });
      } catch (error) {
        restartError = String(error?.message ?? error);
      }
      const restartSeconds = (Date.now() - t0) / 1000;
      if (restartError) {
        ok = false;
        rounds.push({ round, runMs, inflight: inflight.length, exit, restartError });
        log(`   round ${round}: the server did not come back: ${restartError.split("\n")[0]}`);
        break;
      }
      ctx.base = server.base;
      const verification = await verifyAll(ctx.base, key, owned);
      await resyncAll(ctx, owned);
      // A save in flight at the kill either landed (the design moved past the last acknowledgement) or did not.
      const landed = owned.filter((d, i) => d.version > ackedBefore[i]).length;
      if (!verification.ok) ok = false;
      rounds.push({ round, ranMs: runMs, killedRightAfterAck: { design: justAcked.name, version: lastAck(justAcked) }, inFlightAtKill: inflight.length, inFlightLanded: landed, killedBy: exit.signal, restartSeconds, verification });
      log(
        `   round ${round}: killed after ${runMs} ms, right after "${justAcked.name}" v${lastAck(justAcked)} was acknowledged, with ${inflight.length} saves in flight (${landed} of them landed), restarted in ${restartSeconds.toFixed(1)} s; ${verification.acknowledgedSaves} acknowledged saves → ${verification.ok ? "all present, gapless" : "FAILED: " + verification.problems.slice(0, 5).join("; ")}`,
      );
    }
  } finally {
    await server.stop();
  }
  const acked = owned.reduce((n, d) => n + d.acks.length, 0);
  return { name: "kill -9 mid-save (PGlite)", ok, kills: KILLS, designs: owned.length, acknowledgedSaves: acked, rounds };
}

// ---------------------------------------------------------------------------------------------
// 2. PostgreSQL stopped (and frozen) mid-run

function postgresPids(pg) {
  const pidFile = path.join(pg.dataDir, "postmaster.pid");
  const main = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const children = spawnSync("pgrep", ["-P", String(main)], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).map(Number);
  return [main, ...children];
}

async function faultPostgres(build, designs, scratch) {
  const pg = await startPostgres();
  log(`2. PostgreSQL stopped for ${OUTAGE_S} s mid-run (${pg.version})`);
  const database = await createDatabase(pg.url);
  const db = { label: "PostgreSQL", env: { DATABASE_URL: database.url } };
  await migrate(db, path.join(scratch, "pg-migrate.log"));
  const key = randomKey();
  const port = await freePort();
  const logFile = path.join(scratch, "pg-server.log");
  const server = await startServer({ distDir: build.distDir, db, ownerKey: key, port, logFile });
  const outcome = { name: "PostgreSQL outage", ok: true, postgres: pg.version, outageSeconds: OUTAGE_S, runs: [] };
  try {
    const ctx = { base: server.base, key, timeline: null };
    const owned = [];
    for (let i = 0; i < 6; i++) owned.push(await createDesign(ctx.base, key, designs.small, `pg small ${i}`));
    const link = await request(ctx.base, key, "POST", `/api/designs/${owned[0].id}/review-links`, { body: {} });
    for (const mode of ["stop", "freeze"]) {
      ctx.timeline = new Timeline();
      let running = true;
      const loops = [
        ...owned.map((d) => editLoop(ctx, d, "save", () => running)),
        ...Array.from({ length: 4 }, async () => {
          while (running) {
            const r = await request(ctx.base, null, "GET", `/api/review/${link.data.token}`, { timeoutMs: CLIENT_TIMEOUT_MS });
            ctx.timeline.add("review-read", r);
            if (r.status !== 200) await sleep(r.status === 503 ? 1000 : 250);
          }
        }),
        (async () => {
          while (running) {
            const r = await request(ctx.base, key, "GET", "/api/designs", { timeoutMs: CLIENT_TIMEOUT_MS });
            ctx.timeline.add("list", r);
            await sleep(r.status === 200 ? 50 : 1000);
          }
        })(),
      ];
      await sleep(5000);
      const down = ctx.timeline.now();
      let pids = [];
      if (mode === "stop") await pg.stop("immediate");
      else {
        pids = postgresPids(pg);
        for (const pid of pids) process.kill(pid, "SIGSTOP");
      }
      await sleep(OUTAGE_S * 1000);
      const upAt = ctx.timeline.now();
      if (mode === "stop") await pg.start(); // pg_ctl -w: returns once it accepts connections (after crash recovery)
      else for (const pid of pids) process.kill(pid, "SIGCONT");
      const readyAt = ctx.timeline.now();
      // Watch for recovery: 30 s at most, without touching the studio server.
      const recoverBy = upAt + 30_000;
      let recoveredAt = null;
      while (ctx.timeline.now() < recoverBy) {
        await sleep(250);
        const recent = ctx.timeline.events.filter((e) => e.t > upAt);
        const kinds = new Set(["save", "review-read", "list"]);
        const firstOk = {};
        for (const e of recent) if (kinds.has(e.kind) && e.status === 200 && firstOk[e.kind] === undefined) firstOk[e.kind] = e.t;
        if (Object.keys(firstOk).length === kinds.size) {
          recoveredAt = Math.max(...Object.values(firstOk));
          break;
        }
      }
      await sleep(5000); // steady state after recovery
      const end = ctx.timeline.now();
      running = false;
      await Promise.all(loops);
      const tl = ctx.timeline;
      const run = {
        mode: mode === "stop" ? "pg_ctl stop -m immediate, then start" : "SIGSTOP of every PostgreSQL process, then SIGCONT",
        before: tl.between(0, down),
        // A response belongs to the outage when it came back while the server was down, or was
        // sent during it (its latency reaches back into the window).
        during: tl.between(down, upAt),
        afterRestart: tl.between(upAt, recoveredAt ?? end),
        steady: recoveredAt ? tl.between(recoveredAt + 1000, end) : null,
        postgresReadySeconds: (readyAt - upAt) / 1000,
        recoveredSecondsAfterRestart: recoveredAt === null ? null : (recoveredAt - readyAt) / 1000,
        sampleAnswers: tl.samples,
        serverStillRunning: !server.exitInfo,
      };
      // Requests sent during the outage and answered after it (hung on the database).
      run.hungThroughOutage = tl.events.filter((e) => e.t >= upAt && e.t - e.ms < upAt && e.t - e.ms >= down).length;
      const verification = await verifyAll(ctx.base, key, owned);
      run.verification = verification;
      // Documented: a database that is down or busy is a 503 with Retry-After, before, during and after.
      const windows = [run.before, run.during, run.afterRestart, run.steady].filter(Boolean);
      const bad = {};
      for (const w of windows) {
        for (const [status, n] of Object.entries(w.statuses)) if (!["200", "409", "503"].includes(status)) bad[status] = (bad[status] ?? 0) + n;
        if (w.without503RetryAfter) bad["503 without Retry-After"] = (bad["503 without Retry-After"] ?? 0) + w.without503RetryAfter;
      }
      run.undocumentedAnswers = bad;
      run.dataSafe = verification.ok;
      run.ok = verification.ok && recoveredAt !== null && Object.keys(bad).length === 0;
      if (!run.ok) outcome.ok = false;
      outcome.runs.push(run);
      log(
        `   ${mode}: before ${JSON.stringify(run.before.statuses)}; during the ${OUTAGE_S} s ${JSON.stringify(run.during.statuses)} (503 with Retry-After ${run.during.with503RetryAfter}, without ${run.during.without503RetryAfter}, slowest ${fmtMs(run.during.maxMs)}); after ${JSON.stringify(run.afterRestart.statuses)}, ` +
          `${recoveredAt === null ? "NOT recovered within 30 s" : `all kinds answering 200 ${run.recoveredSecondsAfterRestart.toFixed(1)} s after PostgreSQL was back`}; steady ${JSON.stringify(run.steady?.statuses ?? {})}; ` +
          `${verification.acknowledgedSaves} acknowledged saves → ${verification.ok ? "all present, gapless" : "FAILED: " + verification.problems.slice(0, 5).join("; ")}`,
      );
      if (Object.keys(bad).length) log(`   FAILED: answers other than 200/409/503+Retry-After: ${JSON.stringify(bad)} (${JSON.stringify(Object.fromEntries(Object.entries(tl.samples).filter(([k]) => !/ 503$/.test(k))))})`);
      if (server.exitInfo) {
        outcome.ok = false;
        log(`   the studio server exited: ${JSON.stringify(server.exitInfo)}`);
        break;
      }
    }
    outcome.serverLogExcerpt = logExcerpt(logFile);
  } finally {
    await server.stop();
    try {
      await database.drop();
    } catch {
      // the server goes anyway
    }
    pg.destroy();
  }
  return outcome;
}

function logExcerpt(file, max = 12) {
  try {
    const lines = readFileSync(file, "utf8").split("\n");
    const interesting = lines.filter((l) => /error|warn|fatal|abort|ENOSPC|space|panic/i.test(l));
    const unique = [...new Set(interesting.map((l) => l.slice(0, 300)))];
    return { errorLines: interesting.length, first: unique.slice(0, max) };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Disk full under PGlite

const sh = (cmd, args) => spawnSync(cmd, args, { encoding: "utf8" });
const usedBytes = (dir) => Number(sh("du", ["-sb", dir]).stdout.split("\t")[0]);

/** CPU the process used over `ms` (percent of one core), from /proc (Linux). */
async function cpuPercent(pid, ms = 2000) {
  const ticks = () => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      return Number(f[11]) + Number(f[12]);
    } catch {
      return null;
    }
  };
  const a = ticks();
  await sleep(ms);
  const b = ticks();
  return a === null || b === null ? null : Math.round(((b - a) / 100 / (ms / 1000)) * 100);
}

/** Whether the server answers a cheap owner GET within `timeoutMs`. */
async function responsive(ctx, timeoutMs = 5000) {
  const r = await request(ctx.base, ctx.key, "GET", "/api/designs", { timeoutMs });
  return r.status || r.error;
}

async function faultDisk(build, designs, scratch) {
  log("3. disk full under PGlite (tmpfs)");
  if (process.getuid?.() !== 0) return { name: "disk full (PGlite)", skipped: "needs root to mount a small tmpfs; run as root (CI here runs as root)" };
  const mnt = path.join(scratch, "disk");
  mkdirSync(mnt, { recursive: true });
  const mount = sh("mount", ["-t", "tmpfs", "-o", "size=256m,mode=0755", "tmpfs", mnt]);
  if (mount.status !== 0) return { name: "disk full (PGlite)", skipped: `mount -t tmpfs failed: ${mount.stderr.trim()}` };
  const unhook = atExit(() => sh("umount", ["-l", mnt]));
  const outcome = { name: "disk full (PGlite)", ok: true };
  let server = null;
  try {
    const dataDir = path.join(mnt, "pglite");
    const db = pgliteDb(dataDir);
    await migrate(db, path.join(scratch, "disk-migrate.log"));
    const used = usedBytes(mnt);
    // Room for ~24 MB of saves beyond the studio's reserve (lib/server/disk-space.ts: 48 MiB).
    const size = Math.ceil((used + (48 + 24) * 1024 * 1024) / 4096) * 4096;
    sh("mount", ["-o", `remount,size=${size}`, mnt]);
    outcome.tmpfsBytes = size;
    outcome.usedAfterMigration = used;
    const key = randomKey();
    const port = await freePort();
    const logFile = path.join(scratch, "disk-server.log");
    server = await startServer({ distDir: build.distDir, db, ownerKey: key, port, logFile });
    const ctx = { base: server.base, key, timeline: new Timeline() };
    const owned = [];
    for (let i = 0; i < 3; i++) owned.push(await createDesign(ctx.base, key, designs.small, `disk small ${i}`));
    const large = await createDesign(ctx.base, key, designs.large, "disk large 0");
    owned.push(large);

    // Fill: save until saves fail, or the server stops answering a cheap GET, or 90 s.
    let running = true;
    const loops = owned.map((d) => editLoop(ctx, d, d === large ? "large-save" : "save", () => running, d === large ? 30_000 : 15_000));
    const fillDeadline = Date.now() + 90_000;
    let firstFailure = null;
    let hung = false;
    while (Date.now() < fillDeadline && !server.exitInfo) {
      await sleep(1000);
      const failure = ctx.timeline.events.find((e) => e.status !== 200 && e.status !== 409);
      if (failure && firstFailure === null) firstFailure = failure.t;
      if ((await responsive(ctx)) !== 200) {
        hung = true;
        break;
      }
      if (firstFailure !== null && ctx.timeline.now() - firstFailure > 5000) break; // 5 s of running while full
    }
    running = false;
    await Promise.all(loops); // bounded by the clients' timeouts
    const full = ctx.timeline.now();
    outcome.fill = {
      secondsToFirstFailure: firstFailure === null ? null : firstFailure / 1000,
      statuses: ctx.timeline.between(0, full).statuses,
      whileFull: firstFailure === null ? null : ctx.timeline.between(firstFailure, full).statuses,
      sampleAnswers: ctx.timeline.samples,
      diskUsedBytes: usedBytes(mnt),
      serverRunning: !server.exitInfo,
      serverExit: server.exitInfo,
      serverAnswersGetWithin5s: hung ? false : (await responsive(ctx)) === 200,
    };
    if (!server.exitInfo) outcome.fill.serverCpuPercent = await cpuPercent(server.pid);
    log(
      `   first failed save after ${outcome.fill.secondsToFirstFailure ?? "—"} s; statuses ${JSON.stringify(outcome.fill.statuses)}; ` +
        `server ${server.exitInfo ? `exited ${JSON.stringify(server.exitInfo)}` : `running, ${outcome.fill.serverAnswersGetWithin5s ? "answering" : "NOT answering"} GET /api/designs, ${outcome.fill.serverCpuPercent}% CPU`}`,
    );
    for (const [k, v] of Object.entries(ctx.timeline.samples)) log(`     ${k}: ${v.body.slice(0, 160)}`);

    // Free space (grow the tmpfs) without restarting: does it save again?
    sh("mount", ["-o", "remount,size=512m", mnt]);
    if (!server.exitInfo) {
      let back = null;
      const t = Date.now();
      while (Date.now() - t < 15_000) {
        if ((await responsive(ctx, 3000)) === 200) {
          back = (Date.now() - t) / 1000;
          break;
        }
        await sleep(1000);
      }
      outcome.afterFreeingSpace = { answersAgainAfterSeconds: back };
      if (back !== null) {
        await resyncAll(ctx, owned);
        const from = ctx.timeline.now();
        running = true;
        const again = owned.filter((d) => d !== large).map((d) => editLoop(ctx, d, "save-after-free", () => running, 15_000));
        await sleep(5000);
        running = false;
        await Promise.all(again);
        outcome.afterFreeingSpace.saves = ctx.timeline.between(from, ctx.timeline.now()).statuses;
      }
      outcome.afterFreeingSpace.cpuPercent = await cpuPercent(server.pid);
      log(`   space freed, no restart: ${back === null ? `still NOT answering after 15 s (${outcome.afterFreeingSpace.cpuPercent}% CPU)` : `answering after ${back} s; saves ${JSON.stringify(outcome.afterFreeingSpace.saves)}`}`);
    }
    // Expected of a full disk: saves refused with an error status, reads still served, saves again
    // once there is space — without a restart. Anything else is reported as a failure.
    const failedSaves = Object.keys(outcome.fill.statuses).some((s) => /^[45]\d\d$/.test(s));
    outcome.behavedWell = !server.exitInfo && outcome.fill.serverAnswersGetWithin5s && failedSaves && outcome.afterFreeingSpace?.answersAgainAfterSeconds !== null && Object.keys(outcome.afterFreeingSpace?.saves ?? {}).every((s) => s === "200" || s === "409");
    if (!outcome.behavedWell) outcome.ok = false;
    // Restart on the same directory: does it start, and is every acknowledged save there?
    if (!server.exitInfo && outcome.afterFreeingSpace?.answersAgainAfterSeconds === null) {
      outcome.restartNeededKill = true;
      server.kill("SIGKILL");
      await server.exited;
    } else await server.stop();
    const t0 = Date.now();
    try {
      server = await startServer({ distDir: build.distDir, db, ownerKey: key, port, logFile });
      outcome.restart = { ok: true, seconds: (Date.now() - t0) / 1000 };
      ctx.base = server.base;
      outcome.verification = await verifyAll(ctx.base, key, owned);
      outcome.dataSafe = outcome.verification.ok;
      if (!outcome.verification.ok) outcome.ok = false;
      await resyncAll(ctx, owned);
      const probe = await request(ctx.base, key, "PUT", `/api/designs/${owned[0].id}`, { body: { baseVersion: owned[0].version, document: { ...owned[0].doc, name: "disk small 0 after restart" } }, timeoutMs: 15_000 });
      outcome.restart.saveAfterRestart = probe.status || probe.error;
      log(
        `   ${outcome.restartNeededKill ? "killed (-9) and " : ""}restarted with space in ${outcome.restart.seconds.toFixed(1)} s; a save answers ${outcome.restart.saveAfterRestart}; ${outcome.verification.acknowledgedSaves} acknowledged saves → ${outcome.verification.ok ? "all present, gapless" : "FAILED: " + outcome.verification.problems.slice(0, 5).join("; ")}`,
      );
    } catch (error) {
      outcome.restart = { ok: false, error: String(error?.message ?? error).slice(0, 2000) };
      outcome.ok = false;
      log(`   the server did not restart on the directory: ${outcome.restart.error.split("\n")[0]}`);
    }
    outcome.serverLogExcerpt = logExcerpt(logFile);
  } finally {
    if (server) await server.stop();
    sh("umount", [mnt]);
    unhook();
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const machine = machineInfo();
  log(`faults: ${describeMachine(machine)}`);
  const results = { machine, faults: [] };
  let ok = true;
  const scratch = tempDir("quorum-faults.");
  try {
    const build = await ensureBuild({ dist: opts.dist, rebuild: opts.rebuild });
    results.build = build;
    const designs = generateDesigns({ largeBytes: Math.round(1.8 * 1024 * 1024) });
    results.designBytes = { small: JSON.stringify(designs.small).length, large: JSON.stringify(designs.large).length };
    for (const [id, run] of [["kill", faultKill], ["pg", faultPostgres], ["disk", faultDisk]]) {
      if (!ONLY.has(id)) continue;
      try {
        const outcome = await run(build, designs, scratch);
        results.faults.push(outcome);
        if (outcome.ok === false) ok = false;
      } catch (error) {
        ok = false;
        results.faults.push({ name: id, ok: false, error: String(error?.stack ?? error) });
        log(`   ${id} aborted: ${error?.message ?? error}`);
      }
    }
  } catch (error) {
    ok = false;
    results.error = String(error?.stack ?? error);
    console.error(`faults aborted: ${error?.message ?? error}`);
  } finally {
    if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
  }
  finish("faults", results, ok, { passed: "faults passed", failed: "faults: FAILURES (see above)" });
}

main();
