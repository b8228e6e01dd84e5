/** A Node client of the live event stream (tests/integration/live*.test.ts). */
import * as Y from "yjs";
import { readDesign, writeDesign } from "@/lib/collab/mapping";
import { toBase64, type LiveEvent } from "@/lib/collab/protocol";
import type { Design } from "@/lib/design/schema";

/** Edits a client's replica and returns the update it makes, base64 (as the studio sends it). */
export function editReplica(doc: Y.Doc, change: (d: Design) => Design): string {
  const updates: Uint8Array[] = [];
  const listen = (u: Uint8Array) => updates.push(u);
  doc.on("update", listen);
  const before = readDesign(doc);
  doc.transact(() => writeDesign(doc, before, change(before)));
  doc.off("update", listen);
  return toBase64(Y.mergeUpdates(updates));
}

/** A client of the event stream: the events so far, and a way to wait for the next matching one. */
export function sseClient(response: Response, abort: AbortController) {
  const events: LiveEvent[] = [];
  const waiters: { match: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }[] = [];
  let closed = false;
  const done = (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split("\n").find((l) => l.startsWith("data: "));
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as LiveEvent;
        events.push(event);
        for (const w of waiters.splice(0)) {
          if (w.match(event)) w.resolve(event);
          else waiters.push(w);
        }
      }
    }
    closed = true;
  })();
  const next = (match: (e: LiveEvent) => boolean, ms = 3000) =>
    new Promise<LiveEvent>((resolve, reject) => {
      const found = events.find(match);
      if (found) return resolve(found);
      waiters.push({ match, resolve });
      setTimeout(() => reject(new Error("no such event in time")), ms);
    });
  return { events, next, done, abort: () => abort.abort(), isClosed: () => closed };
}

