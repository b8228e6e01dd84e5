/**
 * Live sessions across app instances (issue 16): two `next start` processes on one PostgreSQL
 * database deliver each other's updates (LISTEN/NOTIFY), and a server killed with kill -9 right
 * after acknowledging an update loses nothing. Runs when TEST_DATABASE_URL names a PostgreSQL
 * server (CI does); PGlite is one process by construction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readDesign } from "@/lib/collab/mapping";
import { fromBase64, type LiveEvent } from "@/lib/collab/protocol";
import { renameDesign } from "@/lib/design/commands";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import type { Design } from "@/lib/design/schema";
import { updateStore } from "@/lib/design/store-commands";
import { editReplica as edit, sseClient } from "./live-client";
import { startTwoInstances, TWO_INSTANCES_START_MS, twoInstancesSkip, type Instance, type TwoInstances } from "./two-instances";

async function open(instance: Instance, id: string) {
  const abort = new AbortController();
  const res = await instance.fetch(`/api/designs/${id}/live`, { signal: abort.signal });
  expect(res.status).toBe(200);
  const c = sseClient(res, abort);
  const hello = (await c.next((e) => e.type === "hello", 10_000)) as Extract<LiveEvent, { type: "hello" }>;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(hello.state));
  return { ...c, hello, doc };
}


describe.skipIf(twoInstancesSkip !== null)("live sessions on two app instances", () => {
  let two: TwoInstances;
  beforeAll(async () => {
    two = await startTwoInstances();
  }, TWO_INSTANCES_START_MS);
  afterAll(() => two?.stop());

  it("an edit through instance A appears through instance B, live and in the document", async () => {
    const created = await two.a.fetch("/api/designs", { method: "POST", json: raftLedger });
    const { id } = (await created.json()) as { id: string };
    const onA = await open(two.a, id);
    const onB = await open(two.b, id);
    const sent = Date.now();
    const ack = await two.a.fetch(`/api/designs/${id}/live`, { method: "POST", json: { conn: onA.hello.conn, update: edit(onA.doc, (d) => renameDesign(d, "Edited on A")) } });
    expect(ack.status, two.a.logTail()).toBe(200);
    const seen = (await onB.next((e) => e.type === "update", 5000)) as Extract<LiveEvent, { type: "update" }>;
    const latency = Date.now() - sent;
    Y.applyUpdate(onB.doc, fromBase64(seen.update));
    expect(readDesign(onB.doc).name).toBe("Edited on A");
    expect(latency, "A → B propagation on localhost").toBeLessThan(1000);
    // And back: B's edit reaches A.
    await two.b.fetch(`/api/designs/${id}/live`, { method: "POST", json: { conn: onB.hello.conn, update: edit(onB.doc, (d) => updateStore(d, d.stores![0].id, { name: "Ledger (B)" })) } });
    const back = (await onA.next((e) => e.type === "update" && e.from === onB.hello.conn, 5000)) as Extract<LiveEvent, { type: "update" }>;
    Y.applyUpdate(onA.doc, fromBase64(back.update));
    expect(readDesign(onA.doc).stores![0].name).toBe("Ledger (B)");
    // Presence crosses instances too.
    await two.a.fetch(`/api/designs/${id}/live`, { method: "POST", json: { conn: onA.hello.conn, presence: { name: "Ada", color: "#1f77b4" } } });
    const presence = (await onB.next((e) => e.type === "presence" && e.peer.state?.name === "Ada", 5000)) as Extract<LiveEvent, { type: "presence" }>;
    expect(presence.peer.role).toBe("editor");
    // B reads the document both edits made.
    const read = (await (await two.b.fetch(`/api/designs/${id}`)).json()) as { document: Design };
    expect(read.document.name).toBe("Edited on A");
    expect(read.document.stores![0].name).toBe("Ledger (B)");
    onA.abort();
    onB.abort();
  }, 60_000);

  it("kill -9 right after the acknowledgement loses no acknowledged update", async () => {
    const created = await two.b.fetch("/api/designs", { method: "POST", json: raftLedger });
    const { id } = (await created.json()) as { id: string };
    const onA = await open(two.a, id);
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      const name = `Acknowledged ${i}`;
      const res = await two.a.fetch(`/api/designs/${id}/live`, { method: "POST", json: { conn: onA.hello.conn, update: edit(onA.doc, (d) => renameDesign(d, name)) } });
      expect(res.status).toBe(200);
      names.push(name);
    }
    // Before the quiet time after which A writes the document: kill -9.
    await two.a.kill();
    const read = (await (await two.b.fetch(`/api/designs/${id}`)).json()) as { document: Design };
    expect(read.document.name).toBe(names.at(-1));
  }, 60_000);
});
