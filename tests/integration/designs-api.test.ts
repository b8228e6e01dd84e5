import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/designs/route";
import * as documentRoute from "@/app/api/designs/[id]/document/route";
import * as revisionsRoute from "@/app/api/designs/[id]/revisions/route";
import * as item from "@/app/api/designs/[id]/route";
import { emptyDesign, renameDesign } from "@/lib/design/commands";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import type { Design } from "@/lib/design/schema";
import { parseDesignText } from "@/lib/design/validate";
import { useDbForTests } from "@/lib/server/db";
import { backfillSummaries } from "@/lib/server/designs";
import { MAX_BODY_BYTES } from "@/lib/server/http";
import { seedExamples } from "@/lib/server/seed";
import { freshDb, type TestDb } from "./test-db";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
  useDbForTests(t.db);
});
afterAll(() => t?.close());

const base = "http://test.local/api/designs";
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const jsonRequest = (url: string, method: string, body: unknown) =>
  new Request(url, { method, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });

async function create(design: unknown = raftLedger) {
  const res = await collection.POST(jsonRequest(base, "POST", design));
  return { status: res.status, body: await res.json() };
}
async function save(id: string, baseVersion: number, document: Design) {
  const res = await item.PUT(jsonRequest(`${base}/${id}`, "PUT", { baseVersion, document }), ctx(id));
  return { status: res.status, body: await res.json() };
}
async function get(id: string) {
  const res = await item.GET(new Request(`${base}/${id}`), ctx(id));
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.json().catch(() => null) };
}

describe(`designs API`, () => {
  it("creates a design with an unguessable id, version 1 and one revision", async () => {
    const { status, body } = await create();
    expect(status).toBe(201);
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 random bits, base64url
    expect(body).toMatchObject({ name: raftLedger.name, version: 1, nodeCount: raftLedger.nodes!.length });
    expect(body.document).toEqual(raftLedger);
    const { revisions } = await (await revisionsRoute.GET(new Request(`${base}/${body.id}/revisions`), ctx(body.id))).json();
    expect(revisions).toHaveLength(1);
  });

  it("lists designs with name, node count and last edit", async () => {
    const { body: created } = await create(emptyDesign("Listed"));
    const list = await (await collection.GET()).json();
    expect(list.find((d: { id: string }) => d.id === created.id)).toMatchObject({ name: "Listed", nodeCount: 0, version: 1 });
    expect(list.every((d: object) => !("document" in d))).toBe(true);
  });

  it("keeps the list's verdict summary in step with every save", async () => {
    const { body: created } = await create(raftLedger);
    const listed = async () => (await (await collection.GET()).json()).find((d: { id: string }) => d.id === created.id);
    expect(await listed()).toMatchObject({ verdict: "SOUND", errors: 0, warnings: 0 });
    const weak = structuredClone(raftLedger) as Design;
    // A lock service without fencing tokens (a Raft data store needs none: its terms fence it).
    weak.stores![0].purpose = "lock";
    weak.stores![0].fencing = false;
    await save(created.id, 1, weak);
    expect(await listed()).toMatchObject({ verdict: "NEEDS_REVISION", errors: 1 });
  });

  it("backfills summaries of designs saved before summaries existed", async () => {
    const { body: created } = await create(raftLedger);
    await t.db.design.update({ where: { id: created.id }, data: { verdict: null } });
    expect(await backfillSummaries(t.db)).toBeGreaterThanOrEqual(1);
    expect((await t.db.design.findUnique({ where: { id: created.id } }))?.verdict).toBe("SOUND");
  });

  it("rejects an invalid design with every problem and its JSON path, and stores nothing", async () => {
    const before = (await (await collection.GET()).json()).length;
    const bad = structuredClone(raftLedger) as Design;
    bad.stores![0].replicas[2] = "pg9";
    bad.nodes![0].kind = "message queue"; // kinds are identifiers
    const { status, body } = await create(bad);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid");
    expect(body.error.problems).toEqual(
      expect.arrayContaining([
        { path: "stores[0].replicas[2]", message: 'unknown node "pg9"' },
        expect.objectContaining({ path: "nodes[0].kind" }),
      ]),
    );
    expect((await (await collection.GET()).json()).length).toBe(before);
  });

  it("answers 400 for malformed JSON and empty bodies, never 500", async () => {
    expect((await create("{ not json")).status).toBe(400);
    expect((await create("")).status).toBe(400);
    expect((await create("42")).body.error.problems[0].message).toMatch(/must be a JSON object/);
  });

  it("answers 413 over the size limit, with or without a content-length", async () => {
    const huge = JSON.stringify({ ...emptyDesign("big"), context: { purpose: "x".repeat(MAX_BODY_BYTES) } });
    expect((await create(huge)).status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(huge));
        controller.close();
      },
    });
    const res = await collection.POST(new Request(base, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit));
    expect(res.status).toBe(413);
  });

  it("refuses bodies not declared JSON with 415 and stores nothing (audit D12: form and text posts)", async () => {
    const before = (await (await collection.GET()).json()).length;
    const text = JSON.stringify(raftLedger);
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
      const res = await collection.POST(new Request(base, { method: "POST", headers: type ? { "content-type": type } : {}, body: text }));
      expect(res.status, String(type)).toBe(415);
      expect((await res.json()).error.code).toBe("unsupported_media_type");
    }
    expect((await (await collection.GET()).json()).length).toBe(before);
    // JSON with a charset, and the +json family, are JSON.
    for (const type of ["application/json; charset=utf-8", "application/vnd.quorum+json"]) {
      const res = await collection.POST(new Request(base, { method: "POST", headers: { "content-type": type }, body: text }));
      expect(res.status, type).toBe(201);
    }
  });

  it("answers 404 for unknown and malformed ids on every route", async () => {
    for (const id of ["AAAAAAAAAAAAAAAAAAAAAA", "nope", "../etc"]) {
      expect((await get(id)).status).toBe(404);
      expect((await save(id, 1, emptyDesign("x"))).status).toBe(404);
      expect((await item.DELETE(new Request(`${base}/${id}`), ctx(id))).status).toBe(404);
      expect((await documentRoute.GET(new Request(`${base}/${id}/document`), ctx(id))).status).toBe(404);
    }
  });

  it("saves with the base version and keeps a revision per save", async () => {
    const { body: created } = await create(emptyDesign("Saves"));
    const { status, body } = await save(created.id, 1, renameDesign(created.document, "Saves 2"));
    expect(status).toBe(200);
    expect(body).toMatchObject({ version: 2, name: "Saves 2" });
    expect((await get(created.id)).body).toMatchObject({ version: 2, name: "Saves 2", document: { name: "Saves 2" } });
    const { revisions } = await (await revisionsRoute.GET(new Request(`${base}/${created.id}/revisions`), ctx(created.id))).json();
    expect(revisions.map((r: { version: number }) => r.version)).toEqual([2, 1]);
  });

  it("refuses a stale save with 409 and the current version", async () => {
    const { body: created } = await create(emptyDesign("Two tabs"));
    expect((await save(created.id, 1, renameDesign(created.document, "tab A"))).status).toBe(200);
    const stale = await save(created.id, 1, renameDesign(created.document, "tab B"));
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "conflict", currentVersion: 2 });
    expect((await get(created.id)).body.name).toBe("tab A");
  });

  it("lets exactly one of many concurrent saves of one version win", async () => {
    const { body: created } = await create(emptyDesign("Race"));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => save(created.id, 1, renameDesign(created.document, `writer ${i}`))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!.body.name;
    expect((await get(created.id)).body).toMatchObject({ version: 2, name: winner });
  });

  it("never half-applies an invalid save", async () => {
    const { body: created } = await create(raftLedger);
    const bad = structuredClone(raftLedger) as Design;
    bad.name = "changed";
    bad.operations![0].store = "ghost";
    const res = await save(created.id, 1, bad);
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([{ path: "document.operations[0].store", message: 'unknown store "ghost"' }]);
    expect((await get(created.id)).body).toMatchObject({ version: 1, name: raftLedger.name });
  });

  it("validates the save envelope", async () => {
    const { body: created } = await create(emptyDesign("Envelope"));
    const res = await item.PUT(jsonRequest(`${base}/${created.id}`, "PUT", { document: created.document }), ctx(created.id));
    expect(res.status).toBe(400);
    expect((await res.json()).error.problems[0].path).toBe("baseVersion");
  });

  it("deletes a design and its revisions", async () => {
    const { body: created } = await create(emptyDesign("Doomed"));
    expect((await item.DELETE(new Request(`${base}/${created.id}`), ctx(created.id))).status).toBe(204);
    expect((await get(created.id)).status).toBe(404);
    expect(await t.db.designRevision.count({ where: { designId: created.id } })).toBe(0);
  });

  it("exports the design file: canonical JSON that imports back identically", async () => {
    const { body: created } = await create(raftLedger);
    const res = await documentRoute.GET(new Request(`${base}/${created.id}/document`), ctx(created.id));
    expect(res.headers.get("content-disposition")).toContain('filename="Global-ledger-3-region-Raft.json"');
    const text = await res.text();
    expect(text.startsWith('{\n  "format": "quorum-studio/design@1",\n  "name"')).toBe(true);
    expect(parseDesignText(text)).toEqual({ ok: true, design: raftLedger });
    const again = await create(text);
    expect(again.body.document).toEqual(raftLedger);
  });
});

describe("seeding", () => {
  it("seeds the examples into an empty database once", async () => {
    const other = await freshDb();
    try {
      expect(await seedExamples(other.db)).toBeGreaterThan(0);
      expect(await seedExamples(other.db)).toBe(0);
      const names = (await other.db.design.findMany()).map((d) => d.name);
      expect(names).toContain(raftLedger.name);
    } finally {
      await other.close();
    }
  });
});
