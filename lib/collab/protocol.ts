/**
 * The live session's wire format (docs/adr/0007-live-sessions.md), shared by the server and the
 * studio. Server → client: Server-Sent Events on GET …/live. Client → server: POST …/live with a
 * JSON body. Yjs updates travel as base64.
 *
 * Events: `hello` (the connection's id and the whole shared state, on every (re)connection),
 * `update` (an acknowledged update someone else made), `presence` (who is here and where),
 * `version` (the document was written as a new version), `closing` (why the server is about to close this connection; not `error`, which EventSource uses for its own).
 */
import { z } from "zod";
import { ID_KINDS } from "../design/ids";

export const LIVE_LIMITS = {
  /** Largest update (bytes, decoded): a whole 1,000-node design merged after a day offline fits. */
  updateBytes: 1_500_000,
  /** Updates per connection: a burst, then a steady rate (typing and dragging send ~10/s). */
  updateBurst: 120,
  updatesPerSecond: 30,
  /** Presence messages per connection (cursor moves are throttled to ~15/s by the studio). */
  presenceBurst: 60,
  presencePerSecond: 25,
  /** Refused messages before the server disconnects the client. */
  strikes: 3,
} as const;

/** A connection id the server handed out (`hello.conn`). */
export const connSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "must be the connection id the server sent in its hello event");

const finite = z.number().finite().min(-10_000_000).max(10_000_000);
/** What a person shares with the others: their name and colour, where their pointer is, what they selected, their viewport. */
export const presenceSchema = z.strictObject({
  name: z.string().trim().min(1, "is empty").max(60, "must be at most 60 characters"),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like "#1f77b4"'),
  /** Pointer in canvas (flow) coordinates; null when it left the canvas. */
  cursor: z.strictObject({ x: finite, y: finite }).nullable().optional(),
  /** Ids of selected elements (`kind:id`, as the canvas names them). */
  selection: z.array(z.string().max(140)).max(200).optional(),
  /** What part of the drawing is on screen: the transform, and the canvas's size in pixels (so that a follower can line up centres). */
  viewport: z
    .strictObject({
      x: finite,
      y: finite,
      zoom: z.number().finite().min(0.01).max(100),
      width: z.number().finite().min(1).max(100_000).optional(),
      height: z.number().finite().min(1).max(100_000).optional(),
    })
    .optional(),
});
export type PresenceState = z.infer<typeof presenceSchema>;

export const renameSchema = z.strictObject({ kind: z.enum(ID_KINDS), from: z.string().min(1).max(129), to: z.string().min(1).max(129) });

export const livePostSchema = z.strictObject({
  conn: connSchema,
  /** A Yjs update, base64. */
  update: z
    .string()
    .max(Math.ceil(LIVE_LIMITS.updateBytes / 3) * 4, `is larger than ${LIVE_LIMITS.updateBytes / 1_000_000} MB`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64")
    .optional(),
  /** Ids renamed by this update, so comments pinned to them follow. */
  renames: z.array(renameSchema).max(1000).optional(),
  presence: presenceSchema.nullable().optional(),
});
export type LivePost = z.infer<typeof livePostSchema>;

export type Role = "editor" | "reviewer";
export interface Peer {
  conn: string;
  role: Role;
  state: PresenceState | null;
}

export type LiveEvent =
  | { type: "hello"; conn: string; role: Role; epoch: string; seq: number; state: string; peers: Peer[]; version: number }
  /** The document was written as version `version` (history and review links show it). */
  | { type: "version"; version: number }
  | { type: "update"; seq: number; update: string; from: string }
  | { type: "presence"; peer: Peer; left?: boolean }
  | { type: "closing"; code: string; message: string };

/** base64 without Buffer (the studio and the server both use it). */
export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export { PRESENCE_COLORS } from "./colors";
