/**
 * The studio's side of a live session (docs/adr/0007-live-sessions.md).
 *
 * The shared Yjs document is the truth; the studio's store shows its repaired projection:
 * - a local edit (a store change that did not come from here) is written into the document as the
 *   difference from the previous design, queued, and POSTed (one request in flight, the queue
 *   merged); an acknowledgement means the server stored it;
 * - someone else's update (Server-Sent Events), an undo, or edits merged after a reconnect are
 *   projected, repaired, and handed to the store at once (synchronously, so a keystroke never
 *   overwrites an update it did not see);
 * - undo is Y.UndoManager over this person's own transactions;
 * - edits made offline stay in IndexedDB (y-indexeddb) and are sent on reconnect, also after the
 *   tab was closed and opened again;
 * - presence (name, colour, pointer, selection, viewport) is sent throttled and relayed by the server.
 * Loaded lazily after the canvas is interactive (it is not in the studio's first bundle).
 */
import * as Y from "yjs";
import { IndexeddbPersistence } from "y-indexeddb";
import { DesignProjector, sameJson, writeDesign } from "../collab/mapping";
import { fromBase64, toBase64, type LiveEvent, type Peer, type PresenceState } from "../collab/protocol";
import { repairDesign } from "../collab/repair";
import { mergeDesigns } from "../design/merge";
import type { Design } from "../design/schema";
import type { IdRename } from "../design/ids";
import { renamesBetween, trackIdentities } from "../store/renames";
import type { LiveInfo, PeerView, StudioStore } from "../store/studio-store";

export interface LiveOptions {
  store: StudioStore;
  /** `/api/designs/<id>/live` (editors) or `/api/review/<token>/live` (reviewers). */
  endpoint: string;
  role: "editor" | "reviewer";
  /** Key of the offline copy (editors only): the design's id. */
  offlineKey?: string;
  /** This person as others see them. */
  me: { name: string; color: string };
}

export interface LiveSession {
  setPresence: (patch: Partial<PresenceState>) => void;
  /** Sends what is queued now (Save, leaving the page). */
  flush: (keepalive?: boolean) => Promise<void>;
  stop: () => void;
  /** Test hook and diagnostics: the shared document. */
  readonly doc: Y.Doc;
}

const LOCAL = "local";
const REMOTE = "remote";
/** Others' presence is dropped when not heard for this long (their instance died, their laptop slept). */
const PEER_TTL_MS = 45_000;
const PRESENCE_EVERY_MS = 100;
const HEARTBEAT_MS = 15_000;

function peerView(peer: Peer, now: number): PeerView | null {
  const s = peer.state;
  if (!s) return null;
  return { conn: peer.conn, role: peer.role, name: s.name, color: s.color, cursor: s.cursor ?? null, selection: s.selection ?? [], viewport: s.viewport ?? null, at: now };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export function startLive(options: LiveOptions): LiveSession {
  const { store, endpoint, role } = options;
  const editor = role === "editor";
  const doc = new Y.Doc();
  const projector = new DesignProjector(doc);
  // Root types exist before the undo manager watches them.
  const scope = ["design", "context", "defaults", "regions", "links", "nodes", "stores", "operations", "scenarios", "layout.regions", "layout.zones", "layout.nodes"].map((name) =>
    ["regions", "links", "nodes", "stores", "operations", "scenarios"].includes(name) ? doc.getArray(name) : doc.getMap(name),
  );
  const undo = editor ? new Y.UndoManager(scope, { trackedOrigins: new Set([LOCAL]), captureTimeout: Number.MAX_SAFE_INTEGER }) : null;

  let conn: string | null = null;
  let synced = false;
  let stopped = false;
  /** The design the shared document was last read as, or written from (identity skips unchanged elements). */
  let shown: Design = store.getState().design;
  /** The design as the page loaded it: edits made since (before the hello) merge onto the shared state. */
  const initial = store.getState().savedDesign;
  /** A design shown from the shared state starts its own id identities (renames are counted from it). */
  const show = (design: Design) => {
    trackIdentities(design);
    shown = design;
  };
  trackIdentities(initial);
  let applying = false;
  let pending: Uint8Array[] = [];
  let pendingRenames: IdRename[] = [];
  let inFlight = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let backoff = 500;
  let source: EventSource | null = null;
  let reconnect: ReturnType<typeof setTimeout> | undefined;
  let persistence: IndexeddbPersistence | null = null;
  let presence: PresenceState = { name: options.me.name, color: options.me.color };
  let presenceTimer: ReturnType<typeof setTimeout> | undefined;
  let presenceDirty = false;
  let lastPresenceAt = 0;

  const info = (): LiveInfo => store.getState().live ?? { status: "connecting", pending: 0, canUndo: false, canRedo: false };
  const setInfo = (patch: Partial<LiveInfo>) => {
    if (!stopped) store.getState().setLive({ ...info(), ...patch });
  };
  const markPending = () => setInfo({ pending: pending.length });

  store.getState().setLive(
    { status: "connecting", pending: 0, canUndo: false, canRedo: false },
    undo
      ? {
          mark: (continues) => {
            if (!continues) undo.stopCapturing();
          },
          undo: () => void undo.undo(),
          redo: () => void undo.redo(),
        }
      : null,
  );
  if (undo) {
    const stacks = () => setInfo({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
    undo.on("stack-item-added", stacks);
    undo.on("stack-item-popped", stacks);
    undo.on("stack-cleared", stacks);
  }

  // Someone else's edit, an undo, or offline edits merged: show the repaired document now.
  doc.on("afterTransaction", (tr: Y.Transaction) => {
    if (tr.origin === LOCAL || !synced || tr.changed.size === 0) return;
    const raw = projector.read();
    const repaired = repairDesign(raw);
    if (!repaired.ok) {
      console.error("live: the shared document does not repair", repaired.problems.slice(0, 3));
      return;
    }
    applying = true;
    try {
      store.getState().applyRemote(repaired.design, tr.origin === REMOTE ? repaired.notes : []);
      show(store.getState().design);
    } finally {
      applying = false;
    }
  });

  // Local edits and their own updates: into the queue.
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE || !editor) return;
    pending.push(update);
    markPending();
    schedule(0);
  });

  const unsubscribe = store.subscribe((state, prev) => {
    if (applying || !synced || !editor || state.design === prev.design || state.design === shown) return;
    const before = shown;
    shown = state.design;
    pendingRenames = pendingRenames.concat(renamesBetween(before, state.design));
    doc.transact(() => writeDesign(doc, before, state.design), LOCAL);
  });

  function schedule(ms: number) {
    clearTimeout(retry);
    retry = setTimeout(() => void flush(), ms);
  }

  async function post(body: Record<string, unknown>, keepalive = false): Promise<Response> {
    return fetch(endpoint, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), keepalive, credentials: "same-origin" });
  }

  async function flush(keepalive = false): Promise<void> {
    if (stopped || inFlight || !conn || pending.length === 0 || info().status === "refused") return;
    inFlight = true;
    // What this request carries (a reconnect may replace the queue while it is in flight).
    const batch = new Set(pending);
    const renames = pendingRenames;
    const update = pending.length === 1 ? pending[0] : Y.mergeUpdates(pending);
    try {
      const res = await post({ conn, update: toBase64(update), ...(renames.length ? { renames } : {}) }, keepalive && update.length < 60_000);
      if (res.ok) {
        pending = pending.filter((u) => !batch.has(u));
        pendingRenames = pendingRenames.slice(renames.length);
        backoff = 500;
        markPending();
        if (info().status !== "live" && source?.readyState === EventSource.OPEN) setInfo({ status: "live", message: undefined });
        // Edits made while this request was in flight go next.
        if (pending.length) schedule(0);
      } else if (res.status === 429) {
        schedule(1000 * Number(res.headers.get("retry-after") ?? "1"));
      } else if (res.status >= 400 && res.status < 500 && res.status !== 408) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string; problems?: { path: string; message: string }[] } } | null;
        const problem = body?.error?.problems?.[0];
        setInfo({ status: "refused", message: `${body?.error?.message ?? `The server refused the edit (${res.status})`}${problem ? ` — ${problem.path}: ${problem.message}` : ""}. Reload to continue from the saved design.` });
      } else throw new Error(String(res.status));
    } catch {
      setInfo({ status: "offline", message: "Offline — your edits are kept on this device and sent when the connection is back" });
      schedule(backoff);
      backoff = Math.min(backoff * 2, 10_000);
    } finally {
      inFlight = false;
    }
  }

  function sendPresence() {
    presenceTimer = undefined;
    if (!conn || stopped) return;
    presenceDirty = false;
    lastPresenceAt = Date.now();
    void post({ conn, presence }).catch(() => undefined);
  }

  function setPresence(patch: Partial<PresenceState>) {
    presence = { ...presence, ...patch };
    presenceDirty = true;
    if (presenceTimer) return;
    presenceTimer = setTimeout(sendPresence, Math.max(0, PRESENCE_EVERY_MS - (Date.now() - lastPresenceAt)));
  }

  const heartbeat = setInterval(() => {
    if (conn && !presenceDirty) sendPresence();
    const now = Date.now();
    store.getState().setPeers((peers) => {
      const kept = Object.fromEntries(Object.entries(peers).filter(([, p]) => now - p.at < PEER_TTL_MS));
      return Object.keys(kept).length === Object.keys(peers).length ? peers : kept;
    });
  }, HEARTBEAT_MS);

  /** Edits kept on this device from an earlier visit (closed while offline), merged after the hello. */
  async function mergeOffline(epoch: string): Promise<number> {
    if (!options.offlineKey || !editor || typeof indexedDB === "undefined") return 0;
    const name = `quorum-live:${options.offlineKey}`;
    const epochKey = `quorum-live-epoch:${options.offlineKey}`;
    if (localStorage.getItem(epochKey) !== epoch) {
      // A copy of another shared state (a restored database) or none yet: never merge it. (Other
      // tabs of this design on this device hold the same epoch, so none of them has it open.)
      const stale = new IndexeddbPersistence(name, new Y.Doc());
      await Promise.race([stale.whenSynced, new Promise((r) => setTimeout(r, 2000))]);
      await stale.clearData().catch(() => undefined);
      localStorage.setItem(epochKey, epoch);
    }
    // The device's copy loads into the document: what the server already has changes nothing, the
    // rest (edits made offline, maybe in a tab closed since) is merged and sent. Several tabs
    // share the copy: each writes its own updates to it.
    const before = Y.encodeStateVector(doc);
    const sent = pending.length;
    persistence = new IndexeddbPersistence(name, doc);
    await Promise.race([persistence.whenSynced, new Promise((r) => setTimeout(r, 2000))]);
    const grew = !sameBytes(before, Y.encodeStateVector(doc));
    return grew ? Math.max(1, pending.length - sent) : 0;
  }

  function onEvent(event: LiveEvent) {
    switch (event.type) {
      case "hello": {
        conn = event.conn;
        const state = fromBase64(event.state);
        const first = !synced;
        Y.applyUpdate(doc, state, REMOTE);
        if (first) {
          synced = true;
          const repaired = repairDesign(projector.read());
          const mine = store.getState().design;
          const theirs = repaired.ok ? repaired.design : mine;
          // Edits made in the first moments on the page, before the hello, merge onto the shared state.
          const next = editor && mine !== initial ? mergeDesigns(initial, theirs, mine).design : theirs;
          // Usually the page already shows exactly this: keep its objects (no re-render of every card).
          if (!sameJson(next, mine)) {
            applying = true;
            try {
              store.getState().applyRemote(next);
            } finally {
              applying = false;
            }
          }
          show(store.getState().design);
          if (next !== theirs) {
            pendingRenames = renamesBetween(initial, mine);
            doc.transact(() => writeDesign(doc, theirs, next), LOCAL);
          }
          void mergeOffline(event.epoch).then((merged) => {
            if (merged > 0) store.getState().showToast("Edits you made offline on this device were merged into the design.");
          });
        } else if (editor) {
          // Reconnected: send whatever the server does not have (it ignores what it has).
          const missing = Y.encodeStateAsUpdate(doc, Y.encodeStateVectorFromUpdate(state));
          pending = [missing];
          markPending();
        }
        const now = Date.now();
        const peers: Record<string, PeerView> = {};
        for (const p of event.peers) {
          const view = p.conn !== conn ? peerView(p, now) : null;
          if (view) peers[p.conn] = view;
        }
        store.getState().setPeers(() => peers);
        if (event.version > store.getState().baseVersion) store.getState().setSave(store.getState().save, event.version);
        setInfo({ status: "live", conn: event.conn, message: undefined });
        backoff = 500;
        sendPresence();
        schedule(0);
        break;
      }
      case "update":
        if (event.from !== conn) Y.applyUpdate(doc, fromBase64(event.update), REMOTE);
        break;
      case "presence": {
        const { peer } = event;
        if (peer.conn === conn) break;
        const view = event.left ? null : peerView(peer, Date.now());
        store.getState().setPeers((peers) => {
          const next = { ...peers };
          if (view) next[peer.conn] = view;
          else delete next[peer.conn];
          return next;
        });
        break;
      }
      case "version":
        store.getState().setSave(store.getState().save, event.version);
        break;
      case "closing":
        setInfo({ status: "refused", message: event.message });
        source?.close();
        break;
    }
  }

  function connect() {
    if (stopped) return;
    source = new EventSource(endpoint);
    for (const type of ["hello", "update", "presence", "version", "closing"] as const) {
      source.addEventListener(type, (e) => {
        try {
          onEvent(JSON.parse((e as MessageEvent<string>).data) as LiveEvent);
        } catch (error) {
          console.error("live: bad event", error);
        }
      });
    }
    source.onerror = () => {
      if (stopped || info().status === "refused") return;
      setInfo({ status: "offline", message: "Offline — your edits are kept on this device and sent when the connection is back" });
      if (source?.readyState === EventSource.CLOSED) {
        // The browser gave up (e.g. the server answered an error): try again ourselves.
        clearTimeout(reconnect);
        reconnect = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, 10_000);
      }
    };
  }
  connect();

  return {
    doc,
    setPresence,
    flush,
    stop() {
      stopped = true;
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(retry);
      clearTimeout(reconnect);
      clearTimeout(presenceTimer);
      source?.close();
      void persistence?.destroy();
      projector.destroy();
      undo?.destroy();
      store.getState().setLive(null, null);
    },
  };
}
