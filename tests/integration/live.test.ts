/**
 * Live sessions through the route handlers (docs/adr/0007-live-sessions.md): updates are durable
 * before they are acknowledged, relayed to the other connections, derived into the document and
 * its history; reviewers watch and cannot write; bad updates are refused and never stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as collection from "@/app/api/designs/route";
import * as item from "@/app/api/designs/[id]/route";
import * as live from "@/app/api/designs/[id]/live/route";
import * as links from "@/app/api/designs/[id]/review-links/route";
import * as reviewLive from "@/app/api/review/[token]/live/route";
import { readDesign } from "@/lib/collab/mapping";
import { fromBase64, toBase64, type LiveEvent } from "@/lib/collab/protocol";
import { addRegion, renameDesign } from "@/lib/design/commands";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import type { Design } from "@/lib/design/schema";
import { updateStore } from "@/lib/design/store-commands";
import { useDbForTests } from "@/lib/server/db";
import { dumpDatabase } from "@/lib/server/dump";
import { LiveHub } from "@/lib/server/live";
import { freshDb, type TestDb } from "./test-db";
import { sseClient as client, editReplica as edit } from "./live-client";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
  useDbForTests(t.db);
});
afterAll(async () => {
  (globalThis as { quorumLiveHub?: LiveHub }).quorumLiveHub?.closeAll();
  await t?.close();
});

const base = "http://test.local/api/designs";
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const json = (url: string, method: string, body: unknown) => new Request(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function create(design: Design = raftLedger): Promise<string> {
  const res = await collection.POST(json(base, "POST", design));
  return ((await res.json()) as { id: string }).id;
}

async function open(id: string) {
  const abort = new AbortController();
  const res = await live.GET(new Request(`${base}/${id}/live`, { signal: abort.signal }), ctx(id));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const c = client(res, abort);
  const hello = (await c.next((e) => e.type === "hello")) as Extract<LiveEvent, { type: "hello" }>;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(hello.state));
  return { ...c, hello, doc };
}


async function post(id: string, body: unknown) {
  const res = await live.POST(json(`${base}/${id}/live`, "POST", body), ctx(id));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; problems?: { path: string }[] } } };
}

async function getDoc(id: string): Promise<{ version: number; document: Design }> {
  const res = await item.GET(new Request(`${base}/${id}`), ctx(id));
  return (await res.json()) as { version: number; document: Design };
}

describe("live sessions", () => {
  it("relays an acknowledged edit to the other editor and derives the document from it", async () => {
    const id = await create();
    const a = await open(id);
    const b = await open(id);
    const update = edit(a.doc, (d) => renameDesign(d, "Renamed live"));
    const ack = await post(id, { conn: a.hello.conn, update });
    expect(ack.body).toEqual({ seq: 1 });
    expect(ack.body.seq).toBe(1);
    // Durable before acknowledged: the row exists.
    expect(await t.db.designUpdate.count({ where: { designId: id } })).toBe(1);
    const relayed = (await b.next((e) => e.type === "update")) as Extract<LiveEvent, { type: "update" }>;
    expect(relayed.from).toBe(a.hello.conn);
    Y.applyUpdate(b.doc, fromBase64(relayed.update));
    expect(readDesign(b.doc).name).toBe("Renamed live");
    // The sender does not get its own update back.
    expect(a.events.some((e) => e.type === "update")).toBe(false);
    // A reader gets the edit at once (the document is derived on read if not yet written).
    const read = await getDoc(id);
    expect(read.document.name).toBe("Renamed live");
    expect(read.version).toBe(2);
    a.abort();
    b.abort();
  });

  it("loses no acknowledged edit when the instance dies before writing the document", async () => {
    const id = await create();
    const a = await open(id);
    const store = raftLedger.stores![0];
    const ack = await post(id, { conn: a.hello.conn, update: edit(a.doc, (d) => updateStore(d, store.id, { name: "Ledger (live)" })) });
    expect(ack.status).toBe(200);
    a.abort();
    // kill -9: the process's rooms are gone; a new process starts with nothing in memory.
    (globalThis as { quorumLiveHub?: LiveHub }).quorumLiveHub = new LiveHub();
    const row = await t.db.design.findUniqueOrThrow({ where: { id }, select: { liveSeq: true, liveSnapshot: true } });
    expect(row.liveSeq).toBeGreaterThan(row.liveSnapshot);
    // A dump (a read-only snapshot) holds the edit too.
    let dumped = "";
    await dumpDatabase(t.db, (text) => void (dumped += text));
    const line = dumped.split("\n").map((l) => (l ? (JSON.parse(l) as { type?: string; id?: string; document?: Design }) : {})).find((l) => l.type === "design" && l.id === id);
    expect(line?.document?.stores?.[0].name).toBe("Ledger (live)");
    const read = await getDoc(id);
    expect(read.document.stores![0].name).toBe("Ledger (live)");
  });

  it("shows a PUT from a script live, and keeps the PUT's version check", async () => {
    const id = await create();
    const a = await open(id);
    const current = await getDoc(id);
    const put = await item.PUT(json(`${base}/${id}`, "PUT", { baseVersion: current.version, document: addRegion(current.document, { name: "Scripted region" }).design }), ctx(id));
    expect(put.status).toBe(200);
    const relayed = (await a.next((e) => e.type === "update")) as Extract<LiveEvent, { type: "update" }>;
    Y.applyUpdate(a.doc, fromBase64(relayed.update));
    expect(readDesign(a.doc).regions!.map((r) => r.name)).toContain("Scripted region");
    // A live edit after the script read the design makes its next PUT stale.
    await post(id, { conn: a.hello.conn, update: edit(a.doc, (d) => renameDesign(d, "Edited in the studio")) });
    const stale = await item.PUT(json(`${base}/${id}`, "PUT", { baseVersion: current.version + 1, document: renameDesign(current.document, "Script") }), ctx(id));
    expect(stale.status).toBe(409);
    expect((await getDoc(id)).document.name).toBe("Edited in the studio");
    a.abort();
  });

  it("refuses garbage and hostile updates, stores none of them, and disconnects the sender", async () => {
    const id = await create();
    const bad = await open(id);
    const good = await open(id);
    const garbage = await post(id, { conn: bad.hello.conn, update: toBase64(new Uint8Array([1, 2, 3, 250, 251, 7, 7, 7])) });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error?.code).toBe("update_refused");
    // Well-formed Yjs, but it makes a node's availability a word.
    const hostile = edit(bad.doc, (d) => ({ ...d, nodes: d.nodes!.map((n, i) => (i === 0 ? ({ ...n, availability: "very high" } as unknown as typeof n) : n)) }));
    const refused = await post(id, { conn: bad.hello.conn, update: hostile });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.problems?.[0]?.path).toBe("nodes[0].availability");
    const notBase64 = await post(id, { conn: bad.hello.conn, update: "%%%" });
    expect(notBase64.status).toBe(400);
    expect(JSON.stringify(notBase64.body)).toContain("update");
    await post(id, { conn: bad.hello.conn, update: toBase64(new Uint8Array([9, 9, 9])) });
    await bad.next((e) => e.type === "closing");
    await bad.done;
    expect(bad.isClosed()).toBe(true);
    expect(await t.db.designUpdate.count({ where: { designId: id } })).toBe(0);
    // The other editor is unaffected and can still write.
    const ok = await post(id, { conn: good.hello.conn, update: edit(good.doc, (d) => renameDesign(d, "Still fine")) });
    expect(ok.status).toBe(200);
    expect(good.isClosed()).toBe(false);
    good.abort();
  });

  it("lets a reviewer watch live and refuses anything it tries to write", async () => {
    const id = await create();
    const linkRes = await links.POST(json(`${base}/${id}/review-links`, "POST", {}), ctx(id));
    const { token } = (await linkRes.json()) as { token: string };
    const rctx = { params: Promise.resolve({ token }) };
    const abort = new AbortController();
    const res = await reviewLive.GET(new Request(`http://test.local/api/review/${token}/live`, { signal: abort.signal }), rctx);
    expect(res.status).toBe(200);
    const reviewer = client(res, abort);
    const hello = (await reviewer.next((e) => e.type === "hello")) as Extract<LiveEvent, { type: "hello" }>;
    expect(hello.role).toBe("reviewer");
    const editor = await open(id);
    await post(id, { conn: editor.hello.conn, update: edit(editor.doc, (d) => renameDesign(d, "Seen by the reviewer")), presence: { name: "Ada", color: "#1f77b4" } });
    const seen = (await reviewer.next((e) => e.type === "update")) as Extract<LiveEvent, { type: "update" }>;
    const rdoc = new Y.Doc();
    Y.applyUpdate(rdoc, fromBase64(hello.state));
    Y.applyUpdate(rdoc, fromBase64(seen.update));
    expect(readDesign(rdoc).name).toBe("Seen by the reviewer");
    const presence = (await reviewer.next((e) => e.type === "presence")) as Extract<LiveEvent, { type: "presence" }>;
    expect(presence.peer).toMatchObject({ role: "editor", state: { name: "Ada" } });
    // The reviewer's presence is marked reviewer by the server, whatever it claims.
    const rp = await reviewLive.POST(json(`http://test.local/api/review/${token}/live`, "POST", { conn: hello.conn, presence: { name: "Rita", color: "#2ca02c" } }), rctx);
    expect(rp.status).toBe(200);
    const other = (await editor.next((e) => e.type === "presence" && e.peer.state?.name === "Rita")) as Extract<LiveEvent, { type: "presence" }>;
    expect(other.peer.role).toBe("reviewer");
    const write = await reviewLive.POST(json(`http://test.local/api/review/${token}/live`, "POST", { conn: hello.conn, update: edit(rdoc, (d) => renameDesign(d, "Reviewer was here")) }), rctx);
    expect(write.status).toBe(403);
    await reviewer.done;
    expect(reviewer.isClosed()).toBe(true);
    expect((await getDoc(id)).document.name).toBe("Seen by the reviewer");
    editor.abort();
  });
});
