import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/designs/route";
import * as item from "@/app/api/designs/[id]/route";
import * as documentRoute from "@/app/api/designs/[id]/document/route";
import * as commentsRoute from "@/app/api/designs/[id]/comments/route";
import * as commentRoute from "@/app/api/designs/[id]/comments/[commentId]/route";
import * as linksRoute from "@/app/api/designs/[id]/review-links/route";
import * as linkRoute from "@/app/api/designs/[id]/review-links/[linkId]/route";
import * as revisionsRoute from "@/app/api/designs/[id]/revisions/route";
import * as revisionRoute from "@/app/api/designs/[id]/revisions/[version]/route";
import * as restoreRoute from "@/app/api/designs/[id]/revisions/[version]/restore/route";
import * as reviewRoute from "@/app/api/review/[token]/route";
import * as reviewCommentsRoute from "@/app/api/review/[token]/comments/route";
import * as reviewStatusRoute from "@/app/api/review/[token]/status/route";
import { dynamoRing } from "@/lib/design/examples/dynamo-ring";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import type { Design } from "@/lib/design/schema";
import { setClockForTests } from "@/lib/server/clock";
import { useDbForTests } from "@/lib/server/db";
import { freshDb, type TestDb } from "./test-db";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
  useDbForTests(t.db);
});
afterAll(() => t?.close());

const url = (path: string) => `http://test.local${path}`;
const json = (path: string, method: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(url(path), { method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
const body = async (res: Response) => (res.status === 204 ? null : await res.json());

async function createDesign(design: Design) {
  const res = await collection.POST(json("/api/designs", "POST", design));
  return (await res.json()) as { id: string; version: number };
}
async function share(id: string, options: Record<string, unknown> = {}) {
  const res = await linksRoute.POST(json(`/api/designs/${id}/review-links`, "POST", options), params({ id }));
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; path: string; link: { id: string } };
}
const review = (token: string) => reviewRoute.GET(new Request(url(`/api/review/${token}`)), params({ token }));
const reviewComments = (token: string) => reviewCommentsRoute.GET(new Request(url(`/api/review/${token}/comments`)), params({ token }));
const postReviewComment = (token: string, comment: unknown, address = "203.0.113.7") =>
  reviewCommentsRoute.POST(json(`/api/review/${token}/comments`, "POST", comment, { "x-forwarded-for": address }), params({ token }));

describe("review links", () => {
  it("creates a 256-bit token shown once, stores only its hash, and lists the link without it", async () => {
    const design = await createDesign(raftLedger);
    const { token, path, link } = await share(design.id, { label: "for the DB team" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(path).toBe(`/r/${token}`);
    const rows = await t.db.reviewLink.findMany({ where: { designId: design.id } });
    expect(JSON.stringify(rows)).not.toContain(token);
    const list = await body(await linksRoute.GET(new Request(url(`/api/designs/${design.id}/review-links`)), params({ id: design.id })));
    expect(list).toEqual([expect.objectContaining({ id: link.id, label: "for the DB team", status: "active", commentCount: 0, lastOpenedAt: null, pinnedVersion: null })]);
    expect(JSON.stringify(list)).not.toContain(token);
    // The label is the owner's note: the reviewer does not get it.
    expect(JSON.stringify(await (await review(token)).json())).not.toContain("for the DB team");
  });

  it("shows the latest saved version, records when it was opened, and never includes the design's id", async () => {
    const design = await createDesign(raftLedger);
    const { token } = await share(design.id);
    const renamed = { ...raftLedger, name: "Ledger, second draft" };
    expect((await item.PUT(json(`/api/designs/${design.id}`, "PUT", { baseVersion: 1, document: renamed }), params({ id: design.id }))).status).toBe(200);
    const res = await review(token);
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view).toMatchObject({ name: "Ledger, second draft", version: 2, pinned: null });
    expect(view.document).toEqual(renamed);
    expect(JSON.stringify(view)).not.toContain(design.id);
    const [link] = await body(await linksRoute.GET(new Request(url("/")), params({ id: design.id })));
    expect(link.lastOpenedAt).not.toBeNull();
  });

  it("tells the reviewer which version the link shows now: the latest save, or the pinned one", async () => {
    const design = await createDesign(raftLedger);
    const latest = await share(design.id);
    const pinned = await share(design.id, { pinnedVersion: 1 });
    await item.PUT(json("/", "PUT", { baseVersion: 1, document: { ...raftLedger, name: "v2" } }), params({ id: design.id }));
    const status = async (token: string) => body(await reviewStatusRoute.GET(new Request(url("/")), params({ token })));
    expect(await status(latest.token)).toEqual({ version: 2 });
    expect(await status(pinned.token)).toEqual({ version: 1 });
  });

  it("shows the pinned version when the link was made for one, with its name", async () => {
    const design = await createDesign(raftLedger);
    await item.PUT(json(`/api/designs/${design.id}`, "PUT", { baseVersion: 1, document: { ...raftLedger, name: "later" } }), params({ id: design.id }));
    await revisionRoute.PATCH(json("/", "PATCH", { label: "v1 for review" }), params({ id: design.id, version: "1" }));
    const { token } = await share(design.id, { pinnedVersion: 1 });
    const view = await body(await review(token));
    expect(view).toMatchObject({ name: raftLedger.name, version: 1, pinned: { version: 1, label: "v1 for review" } });
  });

  it("validates link requests with paths: unknown version, past expiry, both expiries, unknown fields", async () => {
    const design = await createDesign(raftLedger);
    const cases: [unknown, string][] = [
      [{ pinnedVersion: 9 }, "pinnedVersion"],
      [{ expiresAt: "2001-01-01T00:00:00Z" }, "expiresAt"],
      [{ expiresAt: "2999-01-01T00:00:00Z", expiresInDays: 1 }, "expiresAt"],
      [{ expiresInDays: -1 }, "expiresInDays"],
      [{ role: "editor" }, ""],
    ];
    for (const [request, path] of cases) {
      const res = await linksRoute.POST(json("/", "POST", request), params({ id: design.id }));
      expect(res.status, JSON.stringify(request)).toBe(400);
      expect((await res.json()).error.problems.map((p: { path: string }) => p.path)).toContain(path);
    }
    expect(await t.db.reviewLink.count({ where: { designId: design.id } })).toBe(0);
  });
});

describe("authorization matrix", () => {
  let owner: { id: string };
  let other: { id: string };
  let valid: string;
  let revoked: string;
  let expired: string;
  let othersToken: string;
  let commentId: string;
  let linkId: string;

  beforeAll(async () => {
    owner = await createDesign(raftLedger);
    other = await createDesign({ ...dynamoRing, name: "Secret other design" });
    const shared = await share(owner.id);
    valid = shared.token;
    linkId = shared.link.id;
    const toRevoke = await share(owner.id);
    revoked = toRevoke.token;
    await linkRoute.DELETE(new Request(url("/"), { method: "DELETE" }), params({ id: owner.id, linkId: toRevoke.link.id }));
    const toExpire = await share(owner.id, { expiresInDays: 1 });
    expired = toExpire.token;
    await t.db.reviewLink.update({ where: { id: toExpire.link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    othersToken = (await share(other.id)).token;
    const posted = await postReviewComment(valid, { author: "Rita", body: "Why Raft here?" });
    commentId = (await posted.json()).id;
  });

  const credentials = () => ({ none: "", malformed: "not-a-token", revoked, expired });

  it.each(["none", "malformed", "revoked", "expired"] as const)("review routes answer 404 for a %s token and write nothing", async (kind) => {
    const token = credentials()[kind];
    const before = await t.db.comment.count();
    const responses = [
      await review(token),
      await reviewComments(token),
      await postReviewComment(token, { author: "Mallory", body: "hi" }),
      await reviewStatusRoute.GET(new Request(url("/")), params({ token })),
    ];
    for (const res of responses) {
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain(raftLedger.name);
      expect(text).not.toContain(owner.id);
    }
    expect(await t.db.comment.count()).toBe(before);
  });

  it("a valid token reads its design and its comments, and comments: 200 / 200 / 201", async () => {
    expect((await review(valid)).status).toBe(200);
    expect((await reviewComments(valid)).status).toBe(200);
    expect((await postReviewComment(valid, { author: "Rita", body: "And the lease reads?" })).status).toBe(201);
  });

  it("another design's token shows that design only: none of this one's name, id or comments", async () => {
    const view = await body(await review(othersToken));
    expect(view.name).toBe("Secret other design");
    const text = JSON.stringify(view) + JSON.stringify(await body(await reviewComments(othersToken)));
    expect(text).not.toContain(owner.id);
    expect(text).not.toContain(other.id);
    expect(text).not.toContain(raftLedger.name);
    expect(text).not.toContain("Why Raft here?");
  });

  it("the review API has no mutating method besides posting a comment", () => {
    expect(Object.keys(reviewRoute).filter((k) => /^[A-Z]+$/.test(k))).toEqual(["GET"]);
    expect(Object.keys(reviewCommentsRoute).filter((k) => /^[A-Z]+$/.test(k)).sort()).toEqual(["GET", "POST"]);
  });

  it("every owner route refuses a review token in place of the design id (404) and changes nothing", async () => {
    const before = JSON.stringify(await t.db.design.findMany({ orderBy: { id: "asc" } }));
    const linksBefore = JSON.stringify(await t.db.reviewLink.findMany({ orderBy: { id: "asc" } }));
    const commentsBefore = JSON.stringify(await t.db.comment.findMany({ orderBy: { id: "asc" } }));
    for (const token of [valid, othersToken, revoked, expired]) {
      const id = token;
      const calls: [string, Promise<Response>][] = [
        ["GET design", item.GET(new Request(url("/")), params({ id }))],
        ["PUT design", item.PUT(json("/", "PUT", { baseVersion: 1, document: { ...raftLedger, name: "pwned" } }), params({ id }))],
        ["DELETE design", item.DELETE(new Request(url("/"), { method: "DELETE" }), params({ id }))],
        ["GET document", documentRoute.GET(new Request(url("/")), params({ id }))],
        ["GET links", linksRoute.GET(new Request(url("/")), params({ id }))],
        ["POST links", linksRoute.POST(json("/", "POST", {}), params({ id }))],
        ["DELETE link", linkRoute.DELETE(new Request(url("/"), { method: "DELETE" }), params({ id, linkId }))],
        ["GET comments", commentsRoute.GET(new Request(url("/")), params({ id }))],
        ["POST comment", commentsRoute.POST(json("/", "POST", { author: "x", body: "y" }), params({ id }))],
        ["PATCH comment", commentRoute.PATCH(json("/", "PATCH", { resolved: true }), params({ id, commentId }))],
        ["DELETE comment", commentRoute.DELETE(new Request(url("/"), { method: "DELETE" }), params({ id, commentId }))],
        ["GET revisions", revisionsRoute.GET(new Request(url("/")), params({ id }))],
        ["GET revision", revisionRoute.GET(new Request(url("/")), params({ id, version: "1" }))],
        ["PATCH revision", revisionRoute.PATCH(json("/", "PATCH", { label: "x" }), params({ id, version: "1" }))],
        ["POST restore", restoreRoute.POST(json("/", "POST", { baseVersion: 1 }), params({ id, version: "1" }))],
      ];
      for (const [name, call] of calls) expect((await call).status, `${name} with a review token`).toBe(404);
    }
    // A token sent as a credential next to the real id grants nothing extra either: the owner
    // routes never read tokens (the id in the path is the owner's capability).
    expect(JSON.stringify(await t.db.design.findMany({ orderBy: { id: "asc" } }))).toBe(before);
    expect(JSON.stringify(await t.db.reviewLink.findMany({ orderBy: { id: "asc" } }))).toBe(linksBefore);
    expect(JSON.stringify(await t.db.comment.findMany({ orderBy: { id: "asc" } }))).toBe(commentsBefore);
  });

  it("the owner's routes work with the design id (the owner's capability)", async () => {
    expect((await commentsRoute.GET(new Request(url("/")), params({ id: owner.id }))).status).toBe(200);
    expect((await commentRoute.PATCH(json("/", "PATCH", { resolved: true }), params({ id: owner.id, commentId }))).status).toBe(200);
    // …but not on another design's comment.
    expect((await commentRoute.PATCH(json("/", "PATCH", { resolved: true }), params({ id: other.id, commentId }))).status).toBe(404);
  });
});

describe("comments", () => {
  /** Limits count time; on a stopped clock no token comes back while a slow machine runs the test. */
  const stopTheClock = () => setClockForTests(() => new Date(Date.UTC(2026, 11, 1, 9)));
  afterEach(() => setClockForTests(null));

  it("a link pinned to a version shows the threads begun on it (with every reply), not later ones", async () => {
    const design = await createDesign(raftLedger);
    const { token } = await share(design.id, { pinnedVersion: 1 });
    const question = await body(await postReviewComment(token, { author: "Rita", body: "Why three regions?", target: { kind: "node", id: "ledger-2" } }));
    const renamed = { ...raftLedger, nodes: raftLedger.nodes!.map((n) => (n.id === "ledger-2" ? { ...n, name: "secret-new-name" } : n)) };
    expect((await item.PUT(json("/", "PUT", { baseVersion: 1, document: renamed }), params({ id: design.id }))).status).toBe(200);
    // On version 2: the owner answers the reviewer, and starts a note of their own on the renamed node.
    await commentsRoute.POST(json("/", "POST", { author: "Owner", body: "Latency to Asia", parentId: question.id }), params({ id: design.id }));
    await commentsRoute.POST(json("/", "POST", { author: "Owner", body: "internal note", target: { kind: "node", id: "ledger-2" } }), params({ id: design.id }));
    const seen = await body(await reviewComments(token));
    expect(seen.map((c: { body: string }) => c.body)).toEqual(["Why three regions?", "Latency to Asia"]);
    expect(JSON.stringify(seen)).not.toContain("secret-new-name");
    // The owner's own list has everything.
    expect(await body(await commentsRoute.GET(new Request(url("/")), params({ id: design.id })))).toHaveLength(3);
  });

  it("pins comments to elements, threads replies, resolves and reopens, and keeps comments on deleted elements", async () => {
    const design = await createDesign(raftLedger);
    const { token } = await share(design.id);
    const pinned = await body(await postReviewComment(token, { author: "  Rita  ", body: "Is ledger-2 in the right zone?", target: { kind: "node", id: "ledger-2" } }));
    expect(pinned).toMatchObject({ author: "Rita", fromOwner: false, target: { kind: "node", id: "ledger-2", label: "ledger-2" }, version: 1, resolvedAt: null });
    const reply = await body(await commentsRoute.POST(json("/", "POST", { author: "Owner", body: "Yes: see https://etcd.io/docs", parentId: pinned.id }), params({ id: design.id })));
    expect(reply).toMatchObject({ parentId: pinned.id, fromOwner: true, target: null });
    // A reply to a reply joins the same thread.
    const nested = await body(await postReviewComment(token, { author: "Rita", body: "Thanks", parentId: reply.id }));
    expect(nested.parentId).toBe(pinned.id);

    const resolved = await body(await commentRoute.PATCH(json("/", "PATCH", { resolved: true }), params({ id: design.id, commentId: reply.id })));
    expect(resolved).toMatchObject({ id: pinned.id });
    expect(resolved.resolvedAt).not.toBeNull();
    const reopened = await body(await commentRoute.PATCH(json("/", "PATCH", { resolved: false }), params({ id: design.id, commentId: pinned.id })));
    expect(reopened.resolvedAt).toBeNull();

    // Delete the node: the comment stays, with the label it was made with.
    const withoutNode: Design = {
      ...raftLedger,
      nodes: raftLedger.nodes!.filter((n) => n.id !== "api-euw1"),
    };
    await item.PUT(json("/", "PUT", { baseVersion: 1, document: withoutNode }), params({ id: design.id }));
    const all = await body(await reviewComments(token));
    expect(all.map((c: { body: string }) => c.body)).toEqual(["Is ledger-2 in the right zone?", "Yes: see https://etcd.io/docs", "Thanks"]);
  });

  it("refuses pins to elements the shown version does not have, empty or oversized text, and unknown threads", async () => {
    const design = await createDesign(raftLedger);
    const { token } = await share(design.id);
    const cases: [unknown, string][] = [
      [{ author: "R", body: "x", target: { kind: "node", id: "ghost" } }, "target.id"],
      [{ author: "R", body: "x", target: { kind: "finding", id: "latency-slo:transfer" } }, "target.id"],
      [{ author: "R", body: "x", target: { kind: "table", id: "t" } }, "target.kind"],
      [{ author: "", body: "x" }, "author"],
      [{ author: "R", body: "   " }, "body"],
      [{ author: "R", body: "x".repeat(4001) }, "body"],
      [{ author: "R", body: "x", parentId: "nope" }, "parentId"],
      [{ author: "R", body: "x", designId: design.id }, ""],
    ];
    for (const [comment, path] of cases) {
      const res = await postReviewComment(token, comment, `198.51.100.${cases.findIndex((c) => c[0] === comment)}`);
      expect(res.status, JSON.stringify(comment).slice(0, 80)).toBe(400);
      expect((await res.json()).error.problems.map((p: { path: string }) => p.path)).toContain(path);
    }
    expect(await t.db.comment.count({ where: { designId: design.id } })).toBe(0);
  });

  it("lets the owner delete a comment, a thread's first comment taking its replies", async () => {
    const design = await createDesign(raftLedger);
    const { token } = await share(design.id);
    const spam = await body(await postReviewComment(token, { author: "Bot", body: "buy now" }, "198.51.100.77"));
    await postReviewComment(token, { author: "Bot", body: "and again", parentId: spam.id }, "198.51.100.77");
    const keep = await body(await postReviewComment(token, { author: "Rita", body: "real question" }, "198.51.100.78"));
    expect((await commentRoute.DELETE(new Request(url("/"), { method: "DELETE" }), params({ id: design.id, commentId: spam.id }))).status).toBe(204);
    expect((await body(await reviewComments(token))).map((c: { id: string }) => c.id)).toEqual([keep.id]);
    expect((await commentRoute.DELETE(new Request(url("/"), { method: "DELETE" }), params({ id: design.id, commentId: spam.id }))).status).toBe(404);
  });

  it("keeps hostile text as plain data", async () => {
    const design = await createDesign(raftLedger);
    const { token } = await share(design.id);
    const hostile = `<script>alert(1)</script><img src=x onerror=alert(2)> "quotes" & ]]> --> %%`;
    const comment = await body(await postReviewComment(token, { author: `<b>Eve</b>`, body: hostile }, "198.51.100.200"));
    expect(comment.body).toBe(hostile);
    expect(comment.author).toBe("<b>Eve</b>");
    // Bidi overrides would make a link or a name read as something else: dropped.
    const spoof = await body(await postReviewComment(token, { author: "Eve\u202e", body: "see https://example.com/\u202egnp.exe \u2066x\u2069" }, "198.51.100.201"));
    expect(spoof.body).toBe("see https://example.com/gnp.exe x");
    expect(spoof.author).toBe("Eve");
  });

  it("rate-limits posting per link and client address (behind a trusted proxy), with Retry-After", async () => {
    stopTheClock();
    process.env.QUORUM_TRUST_PROXY = "1";
    const design = await createDesign(raftLedger);
    const { token } = await share(design.id);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await postReviewComment(token, { author: "Bot", body: `spam ${i}` }, "192.0.2.1")).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const limited = await postReviewComment(token, { author: "Bot", body: "again" }, "192.0.2.1");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another reader of the same link is not blocked by the first one.
    expect((await postReviewComment(token, { author: "Ann", body: "hello" }, "192.0.2.2")).status).toBe(201);
    // The proxy appends the address it saw: what the client wrote before it is not believed.
    expect((await postReviewComment(token, { author: "Bot", body: "forged" }, "10.9.9.9, 192.0.2.1")).status).toBe(429);
    delete process.env.QUORUM_TRUST_PROXY;
  });


  it("without a trusted proxy a forged X-Forwarded-For buys nothing: the per-link limit holds", async () => {
    stopTheClock();
    const design = await createDesign(raftLedger);
    const { token } = await share(design.id);
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) statuses.push((await postReviewComment(token, { author: "Bot", body: `spam ${i}` }, `10.0.0.${i}`)).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    expect(statuses.slice(60)).toEqual([429, 429]);
  });
});

describe("bad input is a 4xx naming the field, never a 500", () => {
  it("refuses NUL and unpaired surrogates anywhere in a body, with the JSON path", async () => {
    const design = structuredClone(raftLedger);
    design.nodes![1].name = "edge \u0000 LB";
    const created = await collection.POST(json("/api/designs", "POST", design));
    expect(created.status).toBe(400);
    expect((await created.json()).error.problems).toEqual([{ path: "nodes[1].name", message: expect.stringContaining("NUL") }]);
    const lone = await collection.POST(json("/api/designs", "POST", { ...raftLedger, name: "half \ud800 a pair" }));
    expect((await lone.json()).error.problems[0].path).toBe("name");

    const { id } = await createDesign(raftLedger);
    const { token } = await share(id);
    const reply = await postReviewComment(token, { author: "a", body: "b", parentId: "a\u0000b" });
    expect(reply.status).toBe(400);
    expect((await reply.json()).error.problems[0].path).toBe("parentId");
    const label = await linksRoute.POST(json(`/api/designs/${id}/review-links`, "POST", { label: "a\u0000b" }), params({ id }));
    expect(label.status).toBe(400);
  });

  it("refuses versions beyond PostgreSQL integers and odd ids in URLs", async () => {
    const { id } = await createDesign(raftLedger);
    const pinned = await linksRoute.POST(json(`/api/designs/${id}/review-links`, "POST", { pinnedVersion: 3_000_000_000 }), params({ id }));
    expect(pinned.status).toBe(400);
    expect((await pinned.json()).error.problems[0].path).toBe("pinnedVersion");
    const put = await item.PUT(json(`/api/designs/${id}`, "PUT", { baseVersion: 3_000_000_000, document: raftLedger }), params({ id }));
    expect(put.status).toBe(400);
    const restore = await restoreRoute.POST(json(`/api/designs/${id}/revisions/1/restore`, "POST", { baseVersion: 3_000_000_000 }), params({ id, version: "1" }));
    expect(restore.status).toBe(400);
    const comment = await commentRoute.DELETE(new Request(url(`/api/designs/${id}/comments/a%00b`), { method: "DELETE" }), params({ id, commentId: "a\u0000b" }));
    expect(comment.status).toBe(404);
    const link = await linkRoute.DELETE(new Request(url(`/api/designs/${id}/review-links/a%00b`), { method: "DELETE" }), params({ id, linkId: "a\u0000b" }));
    expect(link.status).toBe(404);
  });
});

describe("version history", () => {
  it("summarizes each save, names versions, and restores an old one as a new revision", async () => {
    const design = await createDesign(raftLedger);
    const moved: Design = { ...raftLedger, stores: raftLedger.stores!.map((s) => ({ ...s, leader: "ledger-3" })) };
    await item.PUT(json("/", "PUT", { baseVersion: 1, document: moved }), params({ id: design.id }));
    const { revisions: list } = await body(await revisionsRoute.GET(new Request(url("/")), params({ id: design.id })));
    expect(list.map((r: { version: number; summary: string }) => [r.version, r.summary])).toEqual([
      [2, "1 store changed"],
      [1, "Created"],
    ]);
    const labelled = await body(await revisionRoute.PATCH(json("/", "PATCH", { label: "  v1 for review " }), params({ id: design.id, version: "1" })));
    expect(labelled.label).toBe("v1 for review");

    const v1 = await body(await revisionRoute.GET(new Request(url("/")), params({ id: design.id, version: "1" })));
    expect(v1.document).toEqual(raftLedger);

    // A stale restore is refused; a current one makes version 3 with version 1's document.
    expect((await restoreRoute.POST(json("/", "POST", { baseVersion: 1 }), params({ id: design.id, version: "1" }))).status).toBe(409);
    const restored = await body(await restoreRoute.POST(json("/", "POST", { baseVersion: 2 }), params({ id: design.id, version: "1" })));
    expect(restored).toMatchObject({ version: 3, verdict: "SOUND" });
    expect(restored.document).toEqual(raftLedger);
    const { revisions: after } = await body(await revisionsRoute.GET(new Request(url("/")), params({ id: design.id })));
    expect(after[0]).toMatchObject({ version: 3, restoredFrom: 1, summary: "Restored version 1 (1 store changed)" });
    expect(after).toHaveLength(3);
  });

  it("answers 404 for unknown or malformed versions", async () => {
    const design = await createDesign(raftLedger);
    for (const version of ["9", "0", "-1", "abc", "1e3"]) {
      expect((await revisionRoute.GET(new Request(url("/")), params({ id: design.id, version }))).status).toBe(404);
    }
  });
});
