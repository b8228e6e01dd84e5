/**
 * Live sessions on the server (docs/adr/0007-live-sessions.md).
 *
 * Each design being edited has a room in each app instance: the Yjs document as the database
 * holds it, the connections (Server-Sent Event streams) of the people looking at it and their
 * presence. An update from an editor is checked (it decodes, depends on nothing the server lacks,
 * and leaves a document the format accepts after the merge repair), then stored as a row of
 * DesignUpdate with the next number of its design — under the design row's lock, so numbers
 * commit in order — and only then acknowledged and relayed. Other instances hear of it through
 * PostgreSQL NOTIFY (sent in the same transaction) and read it from the table.
 *
 * The document (`Design.document`) and its version history are derived from the shared state:
 * a moment after the edits stop, the room writes the repaired document as a version (folded into
 * the running revision like any autosave). A reader that finds updates newer than the document
 * (the instance was killed before it wrote it) derives it first, so no acknowledged edit is lost.
 */
import { randomBytes, randomUUID } from "node:crypto";
import * as Y from "yjs";
import { DesignProjector, designToDoc, readDesign, sameJson, writeDesign } from "../collab/mapping";
import { fromBase64, LIVE_LIMITS, livePostSchema, toBase64, type LiveEvent, type Peer, type PresenceState, type Role } from "../collab/protocol";
import { repairDesign } from "../collab/repair";
import type { Design } from "../design/schema";
import type { Problem } from "../design/validate";
import { getDb, type Db } from "./db";
import { prepareVersion, WRITE_TRANSACTION, writeVersion } from "./designs";
import { ConflictError, NotFoundError, RateLimitedError, ServiceError, ValidationError } from "./errors";
import { getBus, INSTANCE, updateNotice, type BusMessage } from "./live-bus";
import { envelopeProblems } from "./require-design";
import { retargetComments } from "./retarget";
import type { IdRename } from "../design/ids";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Quiet time after the last update before the document and history are written; and the longest wait. */
const SNAPSHOT_IDLE_MS = 1_000;
const SNAPSHOT_MAX_MS = 10_000;
/** Updates kept as rows before they are folded into the design's state. */
const FOLD_AFTER = 400;
const PING_MS = 15_000;

export class LiveRefusedError extends ServiceError {
  constructor(message: string, problems: Problem[] = []) {
    super(400, "update_refused", message, problems.length ? { problems } : {});
  }
}

export class ForbiddenError extends ServiceError {
  constructor(message: string) {
    super(403, "forbidden", message);
  }
}

/** One open event stream. */
interface Connection {
  conn: string;
  role: Role;
  send: (event: LiveEvent) => void;
  /** An event already serialised (`sse`): relayed to many, serialised once. */
  write: (text: string) => void;
  close: () => void;
}

const sse = (event: LiveEvent) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;

/** A token bucket per connection (in this instance; see the ADR for why that is enough). */
class Bucket {
  private tokens: number;
  private at = Date.now();
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {
    this.tokens = burst;
  }
  take(): number {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond));
  }
}

class Room {
  doc = new Y.Doc({ gc: true });
  projector = new DesignProjector(this.doc);
  epoch = "";
  /** Every update up to this number is in `doc`. */
  seq = 0;
  /** Updates above `seq` already sent to this instance's connections (accepted here ahead of a gap). */
  readonly relayed = new Set<number>();
  readonly connections = new Map<string, Connection>();
  readonly peers = new Map<string, Peer>();
  /** One operation at a time (accept, catch up, snapshot): Yjs documents are not re-entrant. */
  private chain: Promise<unknown> = Promise.resolve();
  snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  /** The document write under way, if any (one at a time). */
  snapshotting: Promise<void> | null = null;
  firstPending = 0;

  constructor(readonly id: string) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.chain.then(task, task);
    this.chain = next.catch(() => {});
    return next;
  }

  reset(): void {
    this.projector.destroy();
    this.doc.destroy();
    this.doc = new Y.Doc({ gc: true });
    this.projector = new DesignProjector(this.doc);
    this.seq = 0;
    this.epoch = "";
  }
}

const asBytes = (data: Uint8Array | Buffer): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/**
 * The shared state as stored: the folded state (made on first use from the document) and the
 * numbered updates after it. Creating the first state is a compare-and-set, so two instances
 * starting a session at once agree on one.
 */
async function loadState(db: Db | Tx, id: string, after = 0, haveState = false): Promise<{ state: Uint8Array | null; epoch: string; folded: number; updates: { seq: number; data: Uint8Array; origin: string }[] }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // The small columns first: most calls find nothing new and read no bytes at all.
    const [row] = await db.$queryRaw<{ liveEpoch: string | null; liveFolded: number; liveSeq: number; empty: boolean }[]>`SELECT "liveEpoch", "liveFolded", "liveSeq", ("liveState" IS NULL) AS "empty" FROM "Design" WHERE "id" = ${id}`;
    if (!row) throw new NotFoundError();
    if (row.empty) {
      const { document } = await db.design.findUniqueOrThrow({ where: { id }, select: { document: true } });
      const state = Y.encodeStateAsUpdate(designToDoc(document as unknown as Design));
      await db.design.updateMany({ where: { id, liveState: null }, data: { liveState: state as Uint8Array<ArrayBuffer>, liveEpoch: randomUUID(), liveFolded: 0 } });
      continue;
    }
    const epoch = row.liveEpoch ?? "";
    const needState = !haveState || after < row.liveFolded;
    if (!needState && after >= row.liveSeq) return { state: null, epoch, folded: row.liveFolded, updates: [] };
    const state = needState ? (await db.design.findUniqueOrThrow({ where: { id }, select: { liveState: true } })).liveState : null;
    const from = Math.max(after, row.liveFolded);
    const updates = await db.designUpdate.findMany({ where: { designId: id, seq: { gt: from } }, orderBy: { seq: "asc" }, select: { seq: true, data: true, origin: true } });
    return { state: state ? asBytes(state) : null, epoch, folded: row.liveFolded, updates: updates.map((u) => ({ ...u, data: asBytes(u.data) })) };
  }
  throw new Error(`live: could not create the shared state of design ${id}`);
}

const REMOTE = "db";

export class LiveHub {
  private readonly rooms = new Map<string, Room>();
  private readonly buckets = new Map<string, { updates: Bucket; presence: Bucket; strikes: number }>();
  /** Connections told to go away (a client that sent garbage); refused if they post again. */
  private readonly kicked = new Set<string>();

  constructor(private readonly db: () => Db = getDb) {
    getBus().subscribe((message) => void this.onBus(message));
  }

  private room(id: string): Room {
    let room = this.rooms.get(id);
    if (!room) {
      room = new Room(id);
      this.rooms.set(id, room);
    }
    return room;
  }

  /** Brings `room` up to what the database holds, relaying new updates to this instance's connections. */
  private async catchUp(room: Room, relay = true): Promise<void> {
    const { state, epoch, updates } = await loadState(this.db(), room.id, room.seq, room.epoch !== "");
    room.epoch = epoch;
    if (state) Y.applyUpdate(room.doc, state, REMOTE);
    for (const update of updates) {
      Y.applyUpdate(room.doc, update.data, REMOTE);
      room.seq = update.seq;
      if (!room.relayed.delete(update.seq) && relay) this.relay(room, { type: "update", seq: update.seq, update: toBase64(update.data), from: update.origin }, update.origin);
    }
    for (const seq of room.relayed) if (seq <= room.seq) room.relayed.delete(seq);
  }

  private relay(room: Room, event: LiveEvent, except?: string): void {
    if (room.connections.size === 0) return;
    const text = sse(event);
    for (const c of room.connections.values()) if (c.conn !== except) c.write(text);
  }

  private async onBus(message: BusMessage): Promise<void> {
    if (message.kind === "update") {
      const room = this.rooms.get(message.design);
      if (room && message.seq > room.seq && room.connections.size > 0) await room.run(() => this.catchUp(room)).catch((e: unknown) => console.error("live: catch-up failed", e));
    } else if (message.kind === "presence") {
      const room = this.rooms.get(message.design);
      if (!room || message.instance === INSTANCE) return;
      if (message.left) room.peers.delete(message.peer.conn);
      else room.peers.set(message.peer.conn, message.peer);
      this.relay(room, { type: "presence", peer: message.peer, left: message.left });
    } else if (message.kind === "version") {
      const room = this.rooms.get(message.design);
      if (room && message.instance !== INSTANCE) this.relay(room, { type: "version", version: message.version });
    } else if (message.kind === "kick") {
      this.kicked.add(message.conn);
      for (const room of this.rooms.values()) {
        const c = room.connections.get(message.conn);
        if (c) {
          c.send({ type: "closing", code: message.code, message: message.message });
          c.close();
        }
      }
    } else if (message.kind === "resync") {
      for (const room of this.rooms.values()) if (room.connections.size) void room.run(() => this.catchUp(room)).catch(() => {});
    }
  }

  /**
   * Opens an event stream on design `id` for an editor or a reviewer. The first event is `hello`
   * with the whole shared state; then updates and presence as they come.
   */
  async connect(id: string, role: Role, signal: AbortSignal, stillAllowed?: () => Promise<boolean>): Promise<ReadableStream<Uint8Array>> {
    const room = this.room(id);
    try {
      await room.run(() => this.catchUp(room));
    } catch (error) {
      if (room.connections.size === 0) this.evict(room);
      throw error;
    }
    const { version } = (await this.db().design.findUnique({ where: { id }, select: { version: true } })) ?? { version: 0 };
    const conn = randomBytes(12).toString("base64url");
    const encoder = new TextEncoder();
    let ping: ReturnType<typeof setInterval> | undefined;
    let closed = false;
    const leave = (peer: Peer) => void this.presence(room, peer, true);
    const idle = () => this.evictLater(room);
    const buckets = this.buckets;
    const newBuckets = () => this.newBuckets();
    return new ReadableStream<Uint8Array>({
      start(controller) {
        const write = (text: string) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            close();
          }
        };
        const close = () => {
          if (closed) return;
          closed = true;
          clearInterval(ping);
          room.connections.delete(conn);
          const peer = room.peers.get(conn);
          room.peers.delete(conn);
          buckets.delete(conn);
          if (peer) leave(peer);
          idle();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        const connection: Connection = { conn, role, send: (event) => write(sse(event)), write, close };
        room.connections.set(conn, connection);
        buckets.set(conn, newBuckets());
        connection.send({ type: "hello", conn, role, epoch: room.epoch, seq: room.seq, state: toBase64(Y.encodeStateAsUpdate(room.doc)), peers: [...room.peers.values()], version });
        ping = setInterval(() => {
          write(`: ping\n\n`);
          // A review link revoked or expired while open stops showing the design.
          void stillAllowed?.().then(
            (ok) => {
              if (!ok) {
                connection.send({ type: "closing", code: "link_closed", message: "This review link was revoked or has expired" });
                close();
              }
            },
            () => undefined,
          );
        }, PING_MS);
        signal.addEventListener("abort", close);
      },
      cancel() {
        closed = true;
        clearInterval(ping);
        room.connections.delete(conn);
      },
    });
  }

  /** A room nobody watches is dropped once its document is written (its state is in the database). */
  private evictLater(room: Room): void {
    setTimeout(() => {
      if (room.connections.size === 0 && !room.snapshotTimer && this.rooms.get(room.id) === room) void room.run(async () => this.evict(room));
    }, 60_000).unref?.();
  }

  private evict(room: Room): void {
    if (room.connections.size > 0 || room.snapshotTimer) return;
    this.rooms.delete(room.id);
    room.projector.destroy();
    room.doc.destroy();
  }

  private newBuckets() {
    return { updates: new Bucket(LIVE_LIMITS.updateBurst, LIVE_LIMITS.updatesPerSecond), presence: new Bucket(LIVE_LIMITS.presenceBurst, LIVE_LIMITS.presencePerSecond), strikes: 0 };
  }

  private bucket(conn: string) {
    let b = this.buckets.get(conn);
    if (!b) {
      b = this.newBuckets();
      this.buckets.set(conn, b);
    }
    return b;
  }

  /** A refused message counts against its connection; past the limit the connection is closed. */
  private async strike(conn: string, error: ServiceError): Promise<never> {
    const b = this.bucket(conn);
    b.strikes++;
    if (b.strikes >= LIVE_LIMITS.strikes || error.status === 403) {
      await getBus().publish({ kind: "kick", conn, code: error.code, message: `Disconnected: ${error.message}`, instance: INSTANCE });
    }
    throw error;
  }

  /** A reviewer tried to write: refused, and its stream is closed. */
  refuseReviewerUpdate(conn: string): Promise<never> {
    return this.strike(conn, new ForbiddenError("A review link can only watch: it cannot change the design"));
  }

  /** Presence from a connection (never stored): relayed to everyone on the design, on every instance. */
  async setPresence(id: string, conn: string, role: Role, state: PresenceState | null): Promise<void> {
    if (this.kicked.has(conn)) throw new ForbiddenError("This connection was closed; reconnect");
    const wait = this.bucket(conn).presence.take();
    if (wait) throw new RateLimitedError(wait, "presence messages");
    await this.presence(this.room(id), { conn, role, state }, false);
  }

  private async presence(room: Room, peer: Peer, left: boolean): Promise<void> {
    if (left) room.peers.delete(peer.conn);
    else room.peers.set(peer.conn, peer);
    this.relay(room, { type: "presence", peer, left }, peer.conn);
    await getBus().publish({ kind: "presence", design: room.id, peer, left, instance: INSTANCE });
  }

  /**
   * An editor's update: checked, stored, then acknowledged with its number and relayed. Refused
   * (400, never stored) when it does not decode, depends on updates the server does not have, or
   * leaves a document the format refuses even after the merge repair.
   */
  async accept(id: string, conn: string, role: Role, base64: string, renames: IdRename[] = []): Promise<{ seq: number | null }> {
    if (role !== "editor") return this.refuseReviewerUpdate(conn);
    if (this.kicked.has(conn)) throw new ForbiddenError("This connection was closed; reconnect");
    const wait = this.bucket(conn).updates.take();
    if (wait) throw new RateLimitedError(wait, "updates");
    const update = fromBase64(base64);
    const room = this.room(id);
    return room.run(async () => {
      await this.catchUp(room);
      let changed = false;
      const onUpdate = () => (changed = true);
      room.doc.on("update", onUpdate);
      let refusal: LiveRefusedError | null = null;
      try {
        Y.applyUpdate(room.doc, update, conn);
        if (room.doc.store.pendingStructs || room.doc.store.pendingDs) refusal = new LiveRefusedError("The update depends on edits the server does not have; reload the design");
        else if (changed) {
          const repaired = repairDesign(room.projector.read());
          if (!repaired.ok) refusal = new LiveRefusedError("The update would make the design invalid", repaired.problems.slice(0, 20));
        }
      } catch {
        refusal = new LiveRefusedError("The update is not a Yjs update of this design");
      } finally {
        room.doc.off("update", onUpdate);
      }
      if (refusal) {
        // Nothing of it may stay: rebuild the room from what the database holds.
        room.reset();
        await this.catchUp(room, false);
        return this.strike(conn, refusal);
      }
      if (!changed) return { seq: null };
      const seq = await this.db().$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ liveSeq: number }[]>`UPDATE "Design" SET "liveSeq" = "liveSeq" + 1 WHERE "id" = ${id} RETURNING "liveSeq"`;
        if (!row) throw new NotFoundError();
        await tx.designUpdate.create({ data: { designId: id, seq: row.liveSeq, data: update as Uint8Array<ArrayBuffer>, origin: conn } });
        if (renames.length) await retargetComments(tx, id, readDesign(room.doc), renames);
        if (getBus().shared) await tx.$executeRaw`SELECT pg_notify('quorum_live', ${updateNotice(id, row.liveSeq, conn)})`;
        return row.liveSeq;
      }, WRITE_TRANSACTION);
      // Numbers commit in order: with no gap this room now holds everything up to `seq`; after a
      // gap (another instance's update) the next catch-up reads both and skips relaying this one.
      if (seq === room.seq + 1) room.seq = seq;
      else room.relayed.add(seq);
      this.relay(room, { type: "update", seq, update: base64, from: conn }, conn);
      this.scheduleSnapshot(room);
      return { seq };
    });
  }

  private scheduleSnapshot(room: Room): void {
    const now = Date.now();
    if (!room.snapshotTimer) room.firstPending = now;
    clearTimeout(room.snapshotTimer);
    const wait = Math.max(0, Math.min(SNAPSHOT_IDLE_MS, room.firstPending + SNAPSHOT_MAX_MS - now));
    room.snapshotTimer = setTimeout(() => {
      room.snapshotTimer = undefined;
      this.snapshot(room).catch((e: unknown) => console.error("live: could not write the document", e));
    }, wait);
  }

  /**
   * Writes the shared state as the design's document (a new version, or folded into the running
   * revision), if it is newer than the document; then folds old update rows into the state. The
   * state is taken in the room's queue (a moment); the database work happens outside it, so
   * updates keep flowing while a version is written. One write per room at a time.
   */
  private snapshot(room: Room): Promise<void> {
    const next = (room.snapshotting ?? Promise.resolve()).then(() => this.writeSnapshot(room));
    room.snapshotting = next.catch(() => {});
    return next;
  }

  private async writeSnapshot(room: Room, attempt = 0): Promise<void> {
    const { seq, repaired } = await room.run(async () => {
      await this.catchUp(room);
      return { seq: room.seq, repaired: repairDesign(room.projector.read()) };
    });
    const db = this.db();
    const [state] = await db.$queryRaw<{ version: number; liveSnapshot: number; liveFolded: number }[]>`SELECT "version", "liveSnapshot", "liveFolded" FROM "Design" WHERE "id" = ${room.id}`;
    if (!state || state.liveSnapshot >= seq) return;
    if (!repaired.ok) {
      console.error(`live: the shared state of design ${room.id} does not repair`, repaired.problems.slice(0, 3));
      return;
    }
    const { document } = await db.design.findUniqueOrThrow({ where: { id: room.id }, select: { document: true } });
    if (sameJson(repaired.design, document)) {
      await db.design.updateMany({ where: { id: room.id, liveSnapshot: { lt: seq } }, data: { liveSnapshot: seq } });
    } else {
      const prepared = await prepareVersion(db, room.id, state.version, repaired.design, { fold: true });
      try {
        const saved = await db.$transaction(async (tx) => {
          const saved = await writeVersion(tx, room.id, state.version, prepared);
          await tx.design.updateMany({ where: { id: room.id, liveSnapshot: { lt: seq } }, data: { liveSnapshot: seq } });
          return saved;
        }, WRITE_TRANSACTION);
        this.relay(room, { type: "version", version: saved.version });
        await getBus().publish({ kind: "version", design: room.id, version: saved.version, instance: INSTANCE });
      } catch (error) {
        // Another instance (or a PUT) wrote a version meanwhile: if it holds this state, done; else again.
        if (error instanceof ConflictError && attempt < 3) return this.writeSnapshot(room, attempt + 1);
        throw error;
      }
    }
    if (seq - state.liveFolded > FOLD_AFTER) await this.fold(room.id, seq);
  }

  /** Folds update rows up to `upTo` into the design's state (one row instead of hundreds). */
  private async fold(id: string, upTo: number): Promise<void> {
    await this.db().$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ liveState: Uint8Array | null; liveFolded: number }[]>`SELECT "liveState", "liveFolded" FROM "Design" WHERE "id" = ${id} FOR UPDATE`;
      if (!row?.liveState || row.liveFolded >= upTo) return;
      const rows = await tx.designUpdate.findMany({ where: { designId: id, seq: { gt: row.liveFolded, lte: upTo } }, orderBy: { seq: "asc" }, select: { data: true } });
      const merged = Y.mergeUpdates([asBytes(row.liveState), ...rows.map((r) => asBytes(r.data))]);
      await tx.design.update({ where: { id }, data: { liveState: merged as Uint8Array<ArrayBuffer>, liveFolded: upTo } });
      await tx.designUpdate.deleteMany({ where: { designId: id, seq: { lte: upTo } } });
    }, WRITE_TRANSACTION);
  }

  /**
   * Makes `Design.document` hold every acknowledged update (readers call it before reading; a
   * no-op unless updates arrived after the last document was written, e.g. the writer was killed).
   */
  async flush(id: string, db: Db = this.db()): Promise<void> {
    const row = await db.design.findUnique({ where: { id }, select: { liveSeq: true, liveSnapshot: true } });
    if (!row || row.liveSeq <= row.liveSnapshot) return;
    const room = this.room(id);
    clearTimeout(room.snapshotTimer);
    room.snapshotTimer = undefined;
    await this.snapshot(room);
  }

  /** Tells every instance's rooms that `id` changed in the database (a PUT or a restore) and its new version. */
  notifyLocal(id: string, seq: number | null, version?: number): void {
    if (seq !== null) getBus().emitLocal({ kind: "update", design: id, seq, from: "api", instance: INSTANCE });
    if (version !== undefined) {
      const room = this.rooms.get(id);
      if (room) this.relay(room, { type: "version", version });
      void getBus().publish({ kind: "version", design: id, version, instance: INSTANCE });
    }
  }

  /** Closes every stream and drops pending document writes (tests; shutting down). */
  closeAll(): void {
    for (const room of this.rooms.values()) {
      clearTimeout(room.snapshotTimer);
      for (const c of room.connections.values()) c.close();
    }
  }
}

/**
 * A PUT or a restore wrote `document` as the design's new version inside `tx`: the same change
 * goes into the shared state as an update (in the same transaction, so the two cannot disagree),
 * and open studios see it. Returns the update's number (null when there is no shared state yet:
 * it will be made from the new document).
 */
export async function writeDocumentLive(tx: Tx, id: string, document: Design): Promise<number | null> {
  const [locked] = await tx.$queryRaw<{ liveSeq: number; liveSnapshot: number; version: number; updatedAt: Date }[]>`SELECT "liveSeq", "liveSnapshot", "version", "updatedAt" FROM "Design" WHERE "id" = ${id} FOR UPDATE`;
  if (!locked) throw new NotFoundError();
  // Live edits not yet in the document: the caller's version check passed on a stale document.
  if (locked.liveSeq > locked.liveSnapshot) throw new ConflictError(locked.version, locked.updatedAt);
  const stored = await loadState(tx, id);
  if (!stored.state && stored.updates.length === 0) return null;
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.transact(() => writeDesign(doc, readDesign(doc), document), "api");
  if (updates.length === 0) return null;
  const update = Y.mergeUpdates(updates);
  const [row] = await tx.$queryRaw<{ liveSeq: number }[]>`UPDATE "Design" SET "liveSeq" = "liveSeq" + 1, "liveSnapshot" = "liveSeq" + 1 WHERE "id" = ${id} RETURNING "liveSeq"`;
  await tx.designUpdate.create({ data: { designId: id, seq: row.liveSeq, data: update as Uint8Array<ArrayBuffer>, origin: "api" } });
  if (getBus().shared) await tx.$executeRaw`SELECT pg_notify('quorum_live', ${updateNotice(id, row.liveSeq, "api")})`;
  return row.liveSeq;
}

/**
 * The document the shared state holds when it is newer than `Design.document` (acknowledged live
 * edits not yet written as a version), else null. For readers that cannot write (a dump's
 * read-only snapshot).
 */
export async function pendingLiveDocument(db: Db | Tx, id: string): Promise<Design | null> {
  const row = await db.design.findUnique({ where: { id }, select: { liveSeq: true, liveSnapshot: true } });
  if (!row || row.liveSeq <= row.liveSnapshot) return null;
  const stored = await loadState(db, id);
  const doc = new Y.Doc();
  if (stored.state) Y.applyUpdate(doc, stored.state);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  const repaired = repairDesign(readDesign(doc));
  return repaired.ok ? repaired.design : null;
}

const globalForHub = globalThis as unknown as { quorumLiveHub?: LiveHub };

/** The process's hub (one for every route bundle). */
export function getLiveHub(): LiveHub {
  globalForHub.quorumLiveHub ??= new LiveHub();
  return globalForHub.quorumLiveHub;
}

/** The event stream as an HTTP response (no buffering by proxies, never cached). */
export async function liveResponse(id: string, role: Role, request: Request, stillAllowed?: () => Promise<boolean>): Promise<Response> {
  const stream = await getLiveHub().connect(id, role, request.signal, stillAllowed);
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no", connection: "keep-alive" },
  });
}

/**
 * A POST to …/live: presence and, from editors, an update. Bad input is a 400 naming the field;
 * a reviewer's update is a 403 and closes its stream (the server, not the page, keeps review
 * links read-only).
 */
export async function livePost(id: string, role: Role, body: unknown): Promise<{ seq: number | null }> {
  const parsed = livePostSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(envelopeProblems(parsed.error.issues), 'Send { "conn": <id from hello>, "update"?: <base64 Yjs update>, "presence"?: {...} }');
  const { conn, update, presence, renames } = parsed.data;
  const hub = getLiveHub();
  if (update !== undefined && role !== "editor") return hub.refuseReviewerUpdate(conn);
  if (presence !== undefined) await hub.setPresence(id, conn, role, presence);
  if (update === undefined) return { seq: null };
  return hub.accept(id, conn, role, update, renames);
}
