#!/usr/bin/env -S npx tsx
/**
 * npm run loadtest:live [-- options]: live sessions under load (issue 16), on the production server.
 *
 * Runs through tsx (it imports the studio's own Yjs mapping, repair and wire format from lib/collab).
 * Starts `next start` like scripts/loadtest.mjs (scripts/load-lib.mjs: loopback only, a random owner
 * key sent as a bearer key, a throwaway PGlite directory; --pg a database of its own on
 * LOADTEST_DATABASE_URL or on a throwaway PostgreSQL server started here with fsync off, as .ci/run
 * does; --instances 2 on PostgreSQL starts two app processes on that one database and spreads the
 * clients over them, so every design's editors sit on different instances where they can), then:
 *   A. --editors-a editors (20) on one design;
 *   B. --designs-b designs (100) with 2 editors each;
 * each for --seconds (60; --short 15). Every editor is a Node client of the live protocol
 * (lib/collab/protocol.ts): it opens the event stream, applies `hello`, and edits its replica at a
 * human rate (--edits-per-second, 2, jittered ±50 %): it renames its own node to `<client>-<n>`, and
 * every 5th edit also adds an operation `<client>-op-<n>` on an existing store. Updates go out one
 * POST at a time (edits made while one is in flight go in the next, merged), as the studio sends
 * them; 429 and 503 are retried after Retry-After. Each client also sends presence (a cursor) at
 * --presence-per-second (5). Every client records the arrival of each `update` event by its number.
 *
 * Report, per scenario: edits made / sent / acknowledged / refused, HTTP statuses (any 5xx other
 * than a 503 with Retry-After fails the run), p50/p95/p99/max of the acknowledgement latency (POST
 * sent → answer) and of the propagation latency (POST sent → the update event's arrival at every
 * other client of the design, all pairs), the server's CPU and RSS (from /proc), and the client
 * process's event-loop delay (the floor of what it can measure). Then, per design: the derived
 * document (GET /api/designs/<id>) holds every acknowledged edit — each client's node carries its
 * last acknowledged name, every acknowledged operation exists — and every client's replica, read
 * and repaired as the studio does (readDesign + repairDesign), equals that document. Exit 1 on any
 * lost edit, undelivered update, divergence, refused edit or failing status.
 *
 * --cpu-prof profiles the server processes' main threads over the scenarios (V8's CPU profiler
 * through node:inspector, in a module the servers preload) and prints their top functions by self
 * time and by inclusive time.
 * Results: bench-results/live-load-<db>-<time>.json.
 */
/* global setTimeout, clearTimeout, setInterval, clearInterval, performance, URL */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import * as Y from "yjs";
import { readDesign, sameJson, writeDesign } from "../lib/collab/mapping.ts";
import { fromBase64, PRESENCE_COLORS, toBase64 } from "../lib/collab/protocol.ts";
import { repairDesign } from "../lib/collab/repair.ts";
import {
  describeMachine,
  distribution,
  ensureBuild,
  finish,
  fmtMs,
  generateDesigns,
  log,
  logErrorLines,
  machineInfo,
  openDatabase,
  parseOptions,
  randomKey,
  ROOT,
  runCleanups,
  sleep,
  startServer,
  tempDir,
} from "./load-lib.mjs";

const USAGE = `usage: npm run loadtest:live -- [options]
  --pg                 run on PostgreSQL (LOADTEST_DATABASE_URL, loopback only; else a throwaway server, fsync off)
  --instances N        app processes on the one database (PostgreSQL only; default 1)
  --short              the CI run: 15 s per scenario
  --seconds S          seconds per scenario (default 60)
  --scenarios LIST     which to run (default a,b)
  --editors-a N        editors on the one design of scenario A (default 20)
  --designs-b N        designs of scenario B, 2 editors each (default 100)
  --edits-per-second X per editor (default 2, jittered ±50 %)
  --presence-per-second X  cursor messages per editor (default 5; 0 for none)
  --cpu-prof           V8 CPU profiles of the server processes; their top functions are printed
  --dist DIR           serve this build          --rebuild   build into .next-load first`;

const opts = parseOptions(
  {
    pg: { type: "boolean", default: false },
    instances: { type: "string" },
    short: { type: "boolean", default: false },
    seconds: { type: "string" },
    scenarios: { type: "string", default: "a,b" },
    "editors-a": { type: "string" },
    "designs-b": { type: "string" },
    "edits-per-second": { type: "string" },
    "presence-per-second": { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
    dist: { type: "string" },
    rebuild: { type: "boolean", default: false },
  },
  USAGE,
);
const num = (value, fallback, what, { min = 0, integer = false } = {}) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    console.error(`--${what} must be ${integer ? "a whole number" : "a number"} ≥ ${min}\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const config = {
  database: opts.pg ? "postgresql" : "pglite",
  instances: num(opts.instances, 1, "instances", { min: 1, integer: true }),
  seconds: num(opts.seconds, opts.short ? 15 : 60, "seconds", { min: 1 }),
  scenarios: opts.scenarios.split(",").map((s) => s.trim().toLowerCase()),
  editorsA: num(opts["editors-a"], 20, "editors-a", { min: 2, integer: true }),
  designsB: num(opts["designs-b"], 100, "designs-b", { min: 1, integer: true }),
  editsPerSecond: num(opts["edits-per-second"], 2, "edits-per-second", { min: 0.1 }),
  presencePerSecond: num(opts["presence-per-second"], 5, "presence-per-second"),
  cpuProf: opts["cpu-prof"],
};
if (config.instances > 1 && config.database !== "postgresql") {
  console.error("--instances > 1 needs --pg: PGlite is one process per database");
  process.exit(2);
}
if (config.seconds > 600 || config.instances > 4 || config.editorsA > 200 || config.designsB > 500 || config.editsPerSecond > 20 || config.presencePerSecond > 20) {
  console.error("refusing: at most 600 s, 4 instances, 200 editors in A, 500 designs in B, 20 edits/s and 20 presence messages/s per editor");
  process.exit(2);
}
for (const s of config.scenarios) {
  if (s !== "a" && s !== "b") {
    console.error(`unknown scenario "${s}" (a, b)\n${USAGE}`);
    process.exit(2);
  }
}

/** Edits per operation added. */
const OP_EVERY = 5;
/** How long, after the clients stop, every update may take to reach every client. */
const DRAIN_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// HTTP: node:http with keep-alive (cheaper per request than fetch, so a 2-core machine spends
// more of itself on the server than on the clients).

const postAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const streamAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * One JSON request; never throws: no answer comes back as status 0 with `error`. A request on a
 * kept-alive socket that the server closed meanwhile (ECONNRESET before any answer) is sent once
 * more on a new socket, as Node's documentation advises: the server never read it.
 */
async function send(base, key, method, urlPath, body) {
  const r = await sendOnce(base, key, method, urlPath, body);
  return r.status === 0 && r.reusedSocket && r.error === "ECONNRESET" ? sendOnce(base, key, method, urlPath, body) : r;
}

function sendOnce(base, key, method, urlPath, body) {
  const url = new URL(base + urlPath);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        agent: postAgent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { authorization: `Bearer ${key}`, ...(payload ? { "content-type": "application/json", "content-length": payload.length } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let data = null;
          try {
            data = text ? JSON.parse(text) : null;
          } catch {
            data = null;
          }
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, sentAt: t0, data, text, retryAfter: res.headers["retry-after"] });
        });
        res.on("error", (e) => resolve({ status: 0, ms: performance.now() - t0, sentAt: t0, data: null, text: "", error: e.code ?? "error" }));
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "timeout" })));
    req.on("error", (e) => resolve({ status: 0, ms: performance.now() - t0, sentAt: t0, data: null, text: "", error: e.code ?? "error", reusedSocket: req.reusedSocket }));
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * Opens the event stream of design `id`; calls `onEvent(event, arrivedAt)` per event (arrival
 * taken as the event's bytes are parsed, before any work on it). Resolves with a close().
 */
function openStream(base, key, id, onEvent, onEnd) {
  const url = new URL(`${base}/api/designs/${id}/live`);
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: url.hostname, port: url.port, path: url.pathname, agent: streamAgent, headers: { authorization: `Bearer ${key}`, accept: "text/event-stream" } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET /api/designs/${id}/live answered ${res.statusCode}`));
          return;
        }
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk) => {
          const at = performance.now();
          buffer += chunk;
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const line = block.split("\n").find((l) => l.startsWith("data: "));
            if (line) onEvent(JSON.parse(line.slice(6)), at);
          }
        });
        res.on("end", () => onEnd("end"));
        res.on("error", (e) => onEnd(e.code ?? "error"));
        resolve({ close: () => req.destroy() });
      },
    );
    req.on("error", (e) => reject(e));
  });
}

// ---------------------------------------------------------------------------------------------
// Statistics

class Stats {
  constructor() {
    this.statuses = {};
    this.ackMs = [];
    this.presenceMs = [];
    this.presenceStatuses = {};
    this.counts = { editsMade: 0, posts: 0, postsAcknowledged: 0, editsAcknowledged: 0, editsRefused: 0, editsUnacknowledged: 0, editsResentAtEnd: 0, batchedPosts: 0, retries: 0, noChange: 0, presenceEventsReceived: 0, updateEventsReceived: 0 };
    this.errors = [];
    this.closings = [];
  }
  status(r, into = this.statuses) {
    const k = r.status === 0 ? r.error : String(r.status);
    into[k] = (into[k] ?? 0) + 1;
  }
  note(message) {
    if (this.errors.length < 50) this.errors.push(message);
  }
}

const fmtDist = (d) => `p50 ${fmtMs(d.p50Ms)}  p95 ${fmtMs(d.p95Ms)}  p99 ${fmtMs(d.p99Ms)}  max ${fmtMs(d.maxMs)}  (n=${d.n})`;

// ---------------------------------------------------------------------------------------------
// The server's processes: CPU and RSS from /proc (every process of each server's process group).

const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
const PAGE = 4096;

function groupUsage(pgid) {
  let ticks = 0;
  let rss = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15, rss 24.
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
    rss += Number(fields[21]) * PAGE;
  }
  return { cpuSeconds: ticks / CLK_TCK, rssBytes: rss };
}

/** Samples the servers' CPU and RSS every second until stopped. */
function sampleServers(servers) {
  const start = servers.map((s) => groupUsage(s.pid));
  const t0 = performance.now();
  const maxRss = servers.map(() => 0);
  const timer = setInterval(() => {
    servers.forEach((s, i) => (maxRss[i] = Math.max(maxRss[i], groupUsage(s.pid).rssBytes)));
  }, 1000);
  return () => {
    clearInterval(timer);
    const seconds = (performance.now() - t0) / 1000;
    return servers.map((s, i) => {
      const end = groupUsage(s.pid);
      maxRss[i] = Math.max(maxRss[i], end.rssBytes);
      const cpu = end.cpuSeconds - start[i].cpuSeconds;
      return { instance: i + 1, cpuSeconds: Math.round(cpu * 10) / 10, cpuPercentOfOneCore: Math.round((cpu / seconds) * 100), maxRssMiB: Math.round(maxRss[i] / 2 ** 20) };
    });
  };
}

// ---------------------------------------------------------------------------------------------
// An editor

const jitter = (meanMs) => meanMs * (0.5 + Math.random());

class Editor {
  /**
   * @param {object} o
   * @param {string} o.name  the client's name (`a-c3`), used in its edits
   * @param {string} o.base  the instance it talks to
   * @param {string} o.nodeId  the node it renames
   */
  constructor({ name, base, key, design, nodeId, index, stats }) {
    Object.assign(this, { name, base, key, design, nodeId, index, stats });
    this.doc = null;
    this.conn = null;
    this.n = 0;
    /** seq → arrival time (performance.now()) of the update event. */
    this.arrivals = new Map();
    /** Own acknowledged updates: { seq, sentAt, ackMs, names[], ops[] }. */
    this.acks = [];
    this.pending = [];
    this.inflight = null;
    this.lastAckedName = null;
    /** Names sent in POSTs that got no answer (they may have landed). */
    this.maybeNames = new Set();
    /** Batches whose POST got no answer in the end (they may or may not have landed). */
    this.unanswered = [];
    this.ackedOps = [];
    this.closed = null;
    /** The next edit's and the next presence message's timers. */
    this.timers = {};
  }

  async connect() {
    let helloResolve;
    const hello = new Promise((resolve) => (helloResolve = resolve));
    this.stream = await openStream(
      this.base,
      this.key,
      this.design.id,
      (event, at) => this.onEvent(event, at, helloResolve),
      (why) => {
        if (!this.stopping) this.closed = this.closed ?? `stream ended (${why})`;
      },
    );
    await Promise.race([hello, sleep(30_000).then(() => Promise.reject(new Error(`${this.name}: no hello within 30 s`)))]);
  }

  onEvent(event, at, helloResolve) {
    if (event.type === "hello") {
      this.conn = event.conn;
      this.doc = new Y.Doc();
      Y.applyUpdate(this.doc, fromBase64(event.state), "remote");
      this.helloSeq = event.seq;
      if (!this.template) {
        const d = readDesign(this.doc);
        this.template = d.operations?.[0];
        this.stores = (d.stores ?? []).map((s) => s.id);
      }
      helloResolve();
    } else if (event.type === "update") {
      this.stats.counts.updateEventsReceived++;
      if (!this.arrivals.has(event.seq)) this.arrivals.set(event.seq, at);
      Y.applyUpdate(this.doc, fromBase64(event.update), "remote");
    } else if (event.type === "presence") {
      this.stats.counts.presenceEventsReceived++;
    } else if (event.type === "closing") {
      this.closed = `closing: ${event.code}: ${event.message}`;
      this.stats.closings.push(`${this.name}: ${event.code}: ${event.message}`);
    }
  }

  /** One edit of the replica: the node's name, and every OP_EVERY-th edit an operation. */
  edit() {
    const n = ++this.n;
    const name = `${this.name}-${n}`;
    const before = readDesign(this.doc);
    let after = { ...before, nodes: before.nodes.map((node) => (node.id === this.nodeId ? { ...node, name } : node)) };
    let op = null;
    if (n % OP_EVERY === 0 && this.template) {
      op = { ...this.template, id: `${this.name}-op-${n}`, name: `${this.name}-op-${n}`, store: this.stores[n % this.stores.length] };
      after = { ...after, operations: [...(after.operations ?? []), op] };
    }
    const updates = [];
    const listen = (u, origin) => origin === "local" && updates.push(u);
    this.doc.on("update", listen);
    this.doc.transact(() => writeDesign(this.doc, before, after), "local");
    this.doc.off("update", listen);
    this.stats.counts.editsMade++;
    if (!updates.length) return;
    this.pending.push({ update: updates.length === 1 ? updates[0] : Y.mergeUpdates(updates), name, op: op?.id ?? null });
    this.flush();
  }

  /** Sends what is pending, one POST at a time (as the studio does). */
  flush() {
    if (this.inflight || !this.pending.length) return this.inflight;
    if (this.stopping && this.unanswered.length) {
      // An earlier POST got no answer after the run: later edits depend on it, so they wait for
      // the final resend of the whole state instead of going alone (the server would refuse a gap).
      const batch = this.pending.splice(0);
      this.stats.counts.editsUnacknowledged += batch.length;
      this.unanswered.push(batch);
      return null;
    }
    const batch = this.pending.splice(0);
    this.inflight = this.post(batch).finally(() => {
      this.inflight = null;
      if (this.pending.length) this.flush();
    });
    return this.inflight;
  }

  async post(batch) {
    const update = toBase64(batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update)));
    if (batch.length > 1) this.stats.counts.batchedPosts++;
    for (let attempt = 0; ; attempt++) {
      this.stats.counts.posts++;
      const r = await send(this.base, this.key, "POST", `/api/designs/${this.design.id}/live`, { conn: this.conn, update });
      this.stats.status(r);
      if (r.status === 200 && typeof r.data?.seq === "number") {
        this.stats.counts.postsAcknowledged++;
        this.stats.counts.editsAcknowledged += batch.length;
        this.stats.ackMs.push(r.ms);
        this.acks.push({ seq: r.data.seq, sentAt: r.sentAt, ackMs: r.ms });
        this.lastAckedName = batch.at(-1).name;
        this.maybeNames.clear();
        for (const b of batch) if (b.op) this.ackedOps.push(b.op);
        return;
      }
      if (r.status === 200) {
        // { seq: null }: the server already had it (a retry of a POST that landed unanswered).
        this.stats.counts.noChange++;
        this.stats.counts.editsUnacknowledged += batch.length;
        return;
      }
      const retryable = r.status === 429 || r.status === 503 || r.status === 0;
      // After the run, a request that got no answer is not sent again: the drain stays bounded.
      if (retryable && attempt < 10 && !this.closed && !(this.stopping && r.status === 0)) {
        this.stats.counts.retries++;
        if (r.status === 0) for (const b of batch) this.maybeNames.add(b.name);
        await sleep(r.retryAfter ? Math.min(5000, Number(r.retryAfter) * 1000) : 250);
        continue;
      }
      if (r.status === 400 || r.status === 403) this.stats.counts.editsRefused += batch.length;
      else {
        this.stats.counts.editsUnacknowledged += batch.length;
        this.unanswered.push(batch);
      }
      for (const b of batch) this.maybeNames.add(b.name);
      this.stats.note(`${this.name}: update answered ${r.status || r.error}: ${r.text.slice(0, 200)}`);
      return;
    }
  }

  async presence() {
    const cursor = { x: Math.round(Math.random() * 2000), y: Math.round(Math.random() * 1200) };
    const r = await send(this.base, this.key, "POST", `/api/designs/${this.design.id}/live`, {
      conn: this.conn,
      presence: { name: this.name, color: PRESENCE_COLORS[this.index % PRESENCE_COLORS.length], cursor },
    });
    this.stats.status(r, this.stats.presenceStatuses);
    this.stats.presenceMs.push(r.ms);
    if (r.status >= 500) this.stats.note(`${this.name}: presence answered ${r.status}: ${r.text.slice(0, 200)}`);
  }

  /** Edits and presence on their own jittered timers until `stop()`. */
  start() {
    const loop = (which, meanMs, fn) => {
      const tick = () => {
        if (this.stopping || this.closed) return;
        this.timers[which] = setTimeout(() => {
          fn();
          tick();
        }, jitter(meanMs));
      };
      tick();
    };
    loop("edit", 1000 / config.editsPerSecond, () => this.edit());
    if (config.presencePerSecond > 0) {
      loop("presence", 1000 / config.presencePerSecond, () => {
        if (!this.presenceInflight) this.presenceInflight = this.presence().finally(() => (this.presenceInflight = null));
      });
    }
  }

  /**
   * Stops editing; resolves when everything made has been sent and answered. Edits whose POST got
   * no answer are sent once more as the replica's whole state (as the studio does on reconnect):
   * the server keeps what it lacks, so afterwards every edit of this replica is on the server.
   */
  async stop() {
    this.stopping = true;
    for (const t of Object.values(this.timers)) clearTimeout(t);
    while (this.inflight || this.pending.length) await (this.flush() ?? sleep(10));
    await this.presenceInflight;
    if (!this.unanswered.length || this.closed) return;
    const update = toBase64(Y.encodeStateAsUpdate(this.doc));
    for (let attempt = 0; attempt < 5; attempt++) {
      const r = await send(this.base, this.key, "POST", `/api/designs/${this.design.id}/live`, { conn: this.conn, update });
      this.stats.status(r);
      if (r.status === 200) {
        // Not an edit's latency: kept for the delivery check only.
        if (typeof r.data?.seq === "number") this.acks.push({ seq: r.data.seq, sentAt: r.sentAt, ackMs: r.ms, resent: true });
        for (const batch of this.unanswered) {
          this.stats.counts.editsResentAtEnd += batch.length;
          for (const b of batch) if (b.op) this.ackedOps.push(b.op);
        }
        this.lastAckedName = `${this.name}-${this.n}`;
        this.maybeNames.clear();
        this.unanswered = [];
        return;
      }
      await sleep(r.retryAfter ? Math.min(5000, Number(r.retryAfter) * 1000) : 500);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// A scenario

async function createDesign(base, key, document, name) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await send(base, key, "POST", "/api/designs", { ...document, name });
    if (r.status === 201) return { id: r.data.id, name };
    if (r.status !== 503) throw new Error(`creating a design answered ${r.status || r.error}: ${r.text.slice(0, 300)}`);
    await sleep(1000);
  }
  throw new Error("creating a design: the server kept answering 503");
}

async function inBatches(items, size, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/**
 * `layout`: [{ design, editors }] — runs them all for config.seconds, drains, verifies.
 * Editors of one design are spread over the instances (editor j of a design on instance j mod N).
 */
async function runScenario(label, bases, key, designs, editorsPerDesign, servers) {
  const stats = new Stats();
  const editors = [];
  designs.forEach((design, d) => {
    for (let j = 0; j < editorsPerDesign; j++) {
      const nodeId = design.nodeIds[j];
      const name = designs.length === 1 ? `${label}-c${j}` : `${label}-d${d}-c${j}`;
      editors.push(new Editor({ name, base: bases[(j + d) % bases.length], key, design, nodeId, index: j, stats }));
    }
  });
  log(`${label}: connecting ${editors.length} editors to ${designs.length} design${designs.length > 1 ? "s" : ""} over ${bases.length} instance${bases.length > 1 ? "s" : ""}`);
  await inBatches(editors, 20, (e) => e.connect());
  // Presence of the others arrives as they connect and start; count only the run's.
  stats.counts.presenceEventsReceived = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const stopSampling = sampleServers(servers);
  log(`${label}: editing for ${config.seconds} s (${config.editsPerSecond} edits/s and ${config.presencePerSecond} presence messages/s per editor)`);
  const t0 = performance.now();
  for (const e of editors) e.start();
  await sleep(config.seconds * 1000);
  await Promise.all(editors.map((e) => e.stop()));
  const seconds = (performance.now() - t0) / 1000;
  const server = stopSampling();
  loop.disable();
  const eventLoop = { p50Ms: Math.round(loop.percentile(50) / 1e4) / 100, p99Ms: Math.round(loop.percentile(99) / 1e4) / 100, maxMs: Math.round(loop.max / 1e4) / 100 };

  // Drain: every acknowledged update reaches every other editor of its design.
  const byDesign = new Map(designs.map((d) => [d.id, editors.filter((e) => e.design === d)]));
  const missing = () => {
    let n = 0;
    for (const group of byDesign.values()) {
      const seqs = group.flatMap((e) => e.acks.map((a) => a.seq));
      for (const e of group) {
        const own = new Set(e.acks.map((a) => a.seq));
        for (const s of seqs) if (!own.has(s) && !e.arrivals.has(s)) n++;
      }
    }
    return n;
  };
  const drainStart = performance.now();
  while (missing() > 0 && performance.now() - drainStart < DRAIN_MS) await sleep(100);
  const undelivered = missing();

  // Propagation: POST sent → arrival of the update event at each other editor of the design.
  const propagation = [];
  for (const group of byDesign.values()) {
    for (const sender of group) {
      for (const ack of sender.acks) {
        if (ack.resent) continue;
        for (const other of group) {
          if (other === sender) continue;
          const at = other.arrivals.get(ack.seq);
          if (at !== undefined) propagation.push(at - ack.sentAt);
        }
      }
    }
  }
  for (const e of editors) e.stream.close();

  // Verification against the derived document.
  const problems = [];
  let checkedOps = 0;
  let checkedNodes = 0;
  let replicasCompared = 0;
  await inBatches([...byDesign.entries()], 8, async ([id, group]) => {
    const r = await send(bases[0], key, "GET", `/api/designs/${id}`);
    if (r.status !== 200) {
      problems.push(`${group[0].design.name}: GET /api/designs/<id> answered ${r.status || r.error}`);
      return;
    }
    const doc = r.data.document;
    const nodes = new Map((doc.nodes ?? []).map((n) => [n.id, n]));
    const ops = new Map((doc.operations ?? []).map((o) => [o.id, o]));
    for (const e of group) {
      if (e.lastAckedName) {
        checkedNodes++;
        const got = nodes.get(e.nodeId)?.name;
        if (got !== e.lastAckedName && !e.maybeNames.has(got)) problems.push(`${group[0].design.name}: ${e.name}'s node is named "${got}", but its last acknowledged edit named it "${e.lastAckedName}"`);
      }
      for (const op of e.ackedOps) {
        checkedOps++;
        if (ops.get(op)?.name !== op) problems.push(`${group[0].design.name}: acknowledged operation "${op}" of ${e.name} is missing`);
      }
      replicasCompared++;
      const repaired = repairDesign(readDesign(e.doc));
      if (!repaired.ok) problems.push(`${group[0].design.name}: ${e.name}'s replica does not repair: ${JSON.stringify(repaired.problems.slice(0, 2))}`);
      else if (!sameJson(repaired.design, doc)) problems.push(`${group[0].design.name}: ${e.name}'s replica differs from the server's document${describeDiff(repaired.design, doc)}`);
    }
  });

  const failures = {};
  // Any 5xx, any status but 200 and 429 (a rate limit, retried), and any request without an answer fail the run.
  for (const [s, n] of Object.entries(stats.statuses)) if (s !== "200" && s !== "429") failures[`update ${s}`] = n;
  for (const [s, n] of Object.entries(stats.presenceStatuses)) if (s !== "200" && s !== "429") failures[`presence ${s}`] = n;
  if (stats.counts.editsRefused) failures.editsRefused = stats.counts.editsRefused;
  if (undelivered) failures.undeliveredUpdates = undelivered;
  if (problems.length) failures.verification = problems.length;
  const closedEarly = editors.filter((e) => e.closed).map((e) => `${e.name}: ${e.closed}`);
  if (closedEarly.length) failures.streamsClosed = closedEarly.length;

  const result = {
    name: label,
    designs: designs.length,
    editors: editors.length,
    seconds: Math.round(seconds * 10) / 10,
    counts: stats.counts,
    updateStatuses: stats.statuses,
    presenceStatuses: stats.presenceStatuses,
    ackLatency: distribution(stats.ackMs),
    propagationLatency: distribution(propagation),
    presenceLatency: distribution(stats.presenceMs),
    acknowledgedPerSecond: Math.round((stats.counts.postsAcknowledged / seconds) * 10) / 10,
    undelivered,
    drainMs: Math.round(performance.now() - drainStart),
    server,
    clientEventLoopDelay: eventLoop,
    verification: { designs: byDesign.size, nodesChecked: checkedNodes, operationsChecked: checkedOps, replicasCompared, ok: problems.length === 0, problems: problems.slice(0, 50) },
    errors: stats.errors,
    closedEarly: closedEarly.slice(0, 20),
    failures,
  };
  printScenario(result);
  return result;
}

/** The first differing top-level key of two documents, to say where replicas diverge. */
function describeDiff(a, b) {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!sameJson(a[key], b[key])) {
      if (Array.isArray(a[key]) && Array.isArray(b[key])) {
        const i = a[key].findIndex((x, j) => !sameJson(x, b[key][j]));
        const show = (x) => (x && typeof x === "object" ? JSON.stringify({ id: x.id, name: x.name }) : JSON.stringify(x));
        return ` (in ${key}: ${a[key].length} against ${b[key].length} elements; first difference at ${i}: replica ${show(a[key][i])}, server ${show(b[key][i])})`;
      }
      return ` (in ${key})`;
    }
  }
  return "";
}

function printScenario(r) {
  const c = r.counts;
  console.log(`\n  ${r.name}: ${r.editors} editors on ${r.designs} design${r.designs > 1 ? "s" : ""}, ${r.seconds} s`);
  console.log(`    edits made ${c.editsMade}, acknowledged ${c.editsAcknowledged} (${c.postsAcknowledged} POSTs, ${r.acknowledgedPerSecond}/s; ${c.batchedPosts} carried several edits), refused ${c.editsRefused}, unacknowledged ${c.editsUnacknowledged} (of which resent at the end as the replica's state, then acknowledged: ${c.editsResentAtEnd}), retries ${c.retries}`);
  console.log(`    update POSTs ${JSON.stringify(r.updateStatuses)}; presence POSTs ${JSON.stringify(r.presenceStatuses)}`);
  console.log(`    ack latency          ${fmtDist(r.ackLatency)}`);
  console.log(`    propagation latency  ${fmtDist(r.propagationLatency)}`);
  console.log(`    presence POST        ${fmtDist(r.presenceLatency)}`);
  console.log(`    update events received ${c.updateEventsReceived}, presence events received ${c.presenceEventsReceived}; undelivered after ${r.drainMs} ms: ${r.undelivered}`);
  for (const s of r.server) console.log(`    server ${s.instance}: ${s.cpuSeconds} CPU s (${s.cpuPercentOfOneCore} % of one core), max RSS ${s.maxRssMiB} MiB`);
  console.log(`    client event-loop delay p50 ${r.clientEventLoopDelay.p50Ms} ms, p99 ${r.clientEventLoopDelay.p99Ms} ms, max ${r.clientEventLoopDelay.maxMs} ms`);
  const v = r.verification;
  console.log(`    check: ${v.designs} designs, ${v.nodesChecked} node names, ${v.operationsChecked} operations, ${v.replicasCompared} replicas → ${v.ok ? "every acknowledged edit is in the document; every replica equals it" : "FAILED"}`);
  for (const p of v.problems.slice(0, 10)) console.log(`      ${p}`);
  for (const e of r.errors.slice(0, 5)) console.log(`      ${e}`);
  for (const e of r.closedEarly.slice(0, 5)) console.log(`      ${e}`);
  if (Object.keys(r.failures).length) console.log(`    FAILURES: ${JSON.stringify(r.failures)}`);
}

// ---------------------------------------------------------------------------------------------
// CPU profiles

/** A module the servers preload: SIGUSR2 starts the CPU profiler of the main thread, the next SIGUSR2 writes `<dir>/server-<pid>.cpuprofile`. */
function writeProfiler(scratch, dir) {
  const file = path.join(scratch, "cpu-profiler.cjs");
  writeFileSync(
    file,
    `const { isMainThread } = require("node:worker_threads");
if (isMainThread) {
  const inspector = require("node:inspector");
  const fs = require("node:fs");
  let session = null;
  process.on("SIGUSR2", () => {
    if (!session) {
      session = new inspector.Session();
      session.connect();
      session.post("Profiler.enable", () => session.post("Profiler.start"));
      return;
    }
    session.post("Profiler.stop", (error, result) => {
      fs.mkdirSync(${JSON.stringify(dir)}, { recursive: true });
      const out = ${JSON.stringify(dir)} + "/server-" + process.pid + ".cpuprofile";
      fs.writeFileSync(out + ".tmp", JSON.stringify(error ? {} : result.profile));
      fs.renameSync(out + ".tmp", out);
      session.disconnect();
      session = null;
    });
  });
}
`,
  );
  return file;
}

/** Asks each server for its profile and waits (up to 30 s) until it is written. */
async function collectProfiles(servers, dir) {
  for (const s of servers) {
    if (s.exitInfo) continue;
    process.kill(s.pid, "SIGUSR2");
    const file = path.join(dir, `server-${s.pid}.cpuprofile`);
    for (let i = 0; i < 300 && !existsSync(file); i++) await sleep(100);
  }
}

/** Top functions of the .cpuprofile files in `dir`, by self and by inclusive time. */
function summarizeProfiles(dir, top = 25) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const keyOf = (n) => {
      const f = n.callFrame;
      const url = f.url.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "");
      return `${f.functionName || "(anonymous)"} ${url ? `${url.split("/").slice(-3).join("/")}:${f.lineNumber + 1}` : ""}`.trim();
    };
    const self = new Map();
    const inclusive = new Map();
    let total = 0;
    let idle = 0;
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      total += dt;
      const node = byId.get(id);
      const k = keyOf(node);
      if (k.startsWith("(idle)") || k.startsWith("(program)") || k.startsWith("(garbage collector)")) {
        if (k.startsWith("(idle)")) idle += dt;
      }
      self.set(k, (self.get(k) ?? 0) + dt);
      const seen = new Set();
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const key = keyOf(byId.get(cur));
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
      }
    });
    const busy = total - idle;
    const rank = (m) =>
      [...m.entries()]
        .filter(([k]) => !k.startsWith("(idle)") && !k.startsWith("(root)"))
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, ms]) => ({ fn: k, ms: Math.round(ms), percentOfBusy: Math.round((ms / busy) * 1000) / 10 }));
    out.push({ file, totalMs: Math.round(total), busyMs: Math.round(busy), self: rank(self), inclusive: rank(inclusive) });
  }
  return out.sort((a, b) => b.busyMs - a.busyMs);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const machine = machineInfo();
  log(`live load on ${config.database}${config.instances > 1 ? ` × ${config.instances} instances` : ""}: ${describeMachine(machine, { load: true })}`);
  const results = { config, machine, scenarios: [] };
  const cleanups = [];
  const servers = [];
  let ok = true;
  const scratch = tempDir("quorum-live-load.");
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  const profDir = path.join(scratch, "cpu-prof");
  try {
    const build = await ensureBuild({ dist: opts.dist, rebuild: opts.rebuild });
    results.build = build;
    const db = await openDatabase(config.database, { scratch, fsync: false, results, cleanups });
    // node --cpu-prof is refused in NODE_OPTIONS: a preloaded module profiles the server's main
    // thread through node:inspector instead, from the scenarios' start to their end (SIGUSR2).
    const serverDb = config.cpuProf ? { ...db, env: { ...db.env, NODE_OPTIONS: `--require ${writeProfiler(scratch, profDir)}` } } : db;
    const key = randomKey();
    for (let i = 0; i < config.instances; i++) {
      const server = await startServer({ distDir: build.distDir, db: serverDb, ownerKey: key, logFile: path.join(scratch, `server-${i + 1}.log`) });
      servers.push(server);
      log(`studio ${i + 1} on ${server.base} (${db.label}, build ${build.distDir}) ready in ${server.startSeconds.toFixed(1)} s`);
    }
    const bases = servers.map((s) => s.base);
    if (config.cpuProf) for (const s of servers) process.kill(s.pid, "SIGUSR2");
    const { small } = generateDesigns();
    const nodeIds = small.nodes.map((n) => n.id);
    if (nodeIds.length < Math.max(config.editorsA, 2)) throw new Error(`the generated design has ${nodeIds.length} nodes, fewer than the ${config.editorsA} editors`);
    results.designBytes = JSON.stringify(small).length;

    for (const id of config.scenarios) {
      for (const s of servers) if (s.exitInfo) throw new Error(`a server exited: ${JSON.stringify(s.exitInfo)}`);
      let designs;
      let editorsPerDesign;
      if (id === "a") {
        designs = [{ ...(await createDesign(bases[0], key, small, "Live load A")), nodeIds }];
        editorsPerDesign = config.editorsA;
      } else {
        log(`b: creating ${config.designsB} designs`);
        designs = await inBatches(
          Array.from({ length: config.designsB }, (_, i) => i),
          10,
          async (i) => ({ ...(await createDesign(bases[i % bases.length], key, small, `Live load B ${i}`)), nodeIds }),
        );
        editorsPerDesign = 2;
      }
      const outcome = await runScenario(id.toUpperCase(), bases, key, designs, editorsPerDesign, servers);
      results.scenarios.push(outcome);
      if (Object.keys(outcome.failures).length) ok = false;
    }
    const logErrors = servers.flatMap((_, i) => logErrorLines(path.join(scratch, `server-${i + 1}.log`)).map((l) => `server ${i + 1}: ${l}`));
    if (logErrors.length) {
      results.serverLogErrors = logErrors.slice(0, 50);
      console.log(`\n  the servers logged ${logErrors.length} error lines; first ones:\n    ${logErrors.slice(0, 8).join("\n    ")}`);
    }
  } catch (error) {
    ok = false;
    results.error = String(error?.stack ?? error);
    console.error(`\nlive load aborted: ${error?.message ?? error}`);
  } finally {
    if (config.cpuProf) await collectProfiles(servers, profDir);
    for (const s of servers) await s.stop();
    if (config.cpuProf) {
      results.profiles = summarizeProfiles(profDir);
      // Kept beside the results (bench-results/ is gitignored) for a closer look in DevTools.
      if (existsSync(profDir)) {
        const keep = path.join(ROOT, "bench-results", `live-load-cpu-${Date.now().toString(36)}`);
        mkdirSync(keep, { recursive: true });
        for (const f of readdirSync(profDir)) copyFileSync(path.join(profDir, f), path.join(keep, f));
        console.log(`\n  CPU profiles (open in Chrome DevTools → Performance): ${path.relative(ROOT, keep)}`);
      }
      for (const p of results.profiles.slice(0, config.instances)) {
        console.log(`\n  CPU profile ${p.file}: ${(p.busyMs / 1000).toFixed(1)} s busy of ${(p.totalMs / 1000).toFixed(1)} s`);
        console.log("    by self time:");
        for (const f of p.self.slice(0, 15)) console.log(`      ${String(f.percentOfBusy).padStart(5)} %  ${f.fn}`);
        console.log("    by inclusive time:");
        for (const f of p.inclusive.slice(0, 25)) console.log(`      ${String(f.percentOfBusy).padStart(5)} %  ${f.fn}`);
      }
      if (!results.profiles.length) console.log("\n  no CPU profile was written (the server did not exit cleanly?)");
    }
    await runCleanups(cleanups);
  }
  finish(`live-load-${config.database}${config.instances > 1 ? `-x${config.instances}` : ""}`, results, ok, { passed: "live load passed", failed: "live load FAILED" });
}

main();
