/**
 * Who owns the studio (audit D1, D10, D11). The studio is private by default:
 * - QUORUM_OWNER_KEY set: that is the owner key (at least 16 characters);
 * - else QUORUM_OPEN=1: no key at all, whoever reaches the studio owns it (a trusted LAN; every
 *   owner page shows a warning banner);
 * - else a key generated on first start and kept in the data directory (`owner-key`, mode 0600);
 *   the server prints a sign-in URL carrying it (Jupyter-style) at every start. The file sits
 *   beside the PGlite directory like its lock (`data/pglite.owner-key`), so each data directory
 *   has its own key; a key file that another user owns, or that others may read, is refused.
 * The owner proves it with a session cookie (a random token; the database keeps its SHA-256, see
 * lib/server/sessions.ts) or with `Authorization: Bearer <key>` (scripts, the CLI, CI).
 * Review tokens are never owner credentials.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pgliteDataDir } from "./data-dir";

/** Shortest owner key accepted from QUORUM_OWNER_KEY: anything shorter is guessable despite throttling. */
export const MIN_KEY_LENGTH = 16;

export type OwnerMode = { kind: "open" } | { kind: "key"; key: string; source: "env" | "file"; file?: string };

type Env = Record<string, string | undefined>;

/** Where a generated key is kept: beside the PGlite directory, named after it (`data/pglite.owner-key`). */
export function ownerKeyFile(env: Env = process.env): string {
  return `${pgliteDataDir(env)}.owner-key`;
}

export class UnsafeKeyFileError extends Error {}

/** A key file only this user can read and write, else an error naming the fix (a planted or exposed key is no key). */
function checkKeyFile(file: string): void {
  const stat = statSync(file);
  const mine = typeof process.getuid !== "function" || stat.uid === process.getuid();
  if (!mine || (stat.mode & 0o077) !== 0) {
    throw new UnsafeKeyFileError(`The owner key file ${file} ${mine ? "can be read or written by other users" : "belongs to another user"}; delete it (a new key is generated) or run \`chmod 600 ${file}\`.`);
  }
}

/** An env key that is too short to be an owner key, as a sentence; null when it is fine. */
export function weakKeyProblem(env: Env = process.env): string | null {
  const key = env.QUORUM_OWNER_KEY?.trim();
  if (!key || key.length >= MIN_KEY_LENGTH) return null;
  return `QUORUM_OWNER_KEY has ${key.length} characters; an owner key needs at least ${MIN_KEY_LENGTH} (e.g. \`openssl rand -base64 32\`).`;
}

const cache = globalThis as unknown as { quorumGeneratedKey?: Map<string, string> };

/** The generated key in `file`, created (32 random bytes, owner-only permissions) when missing. */
function generatedKey(file: string): string {
  cache.quorumGeneratedKey ??= new Map();
  const known = cache.quorumGeneratedKey.get(file);
  if (known) return known;
  let key = "";
  try {
    checkKeyFile(file);
    key = readFileSync(file, "utf8").trim();
  } catch (error) {
    if (error instanceof UnsafeKeyFileError) throw error;
  }
  if (!key) {
    mkdirSync(path.dirname(file), { recursive: true });
    const fresh = randomBytes(32).toString("base64url");
    try {
      writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: "wx" }); // wx: two starts racing keep one key
      key = fresh;
    } catch {
      checkKeyFile(file); // the other one won
      key = readFileSync(file, "utf8").trim();
    }
  }
  cache.quorumGeneratedKey.set(file, key);
  return key;
}

/** How the studio decides who owns it (see the file's comment). */
export function ownerMode(env: Env = process.env): OwnerMode {
  const key = env.QUORUM_OWNER_KEY?.trim();
  if (key) return { kind: "key", key, source: "env" };
  if (env.QUORUM_OPEN === "1") return { kind: "open" };
  const file = ownerKeyFile(env);
  return { kind: "key", key: generatedKey(file), source: "file", file };
}

/** The owner key, or null when the studio is explicitly open (QUORUM_OPEN=1). */
export function configuredOwnerKey(env: Env = process.env): string | null {
  const mode = ownerMode(env);
  return mode.kind === "key" ? mode.key : null;
}

/** A one-way tag of a key, stored with each session so that a new key ends the old sessions. */
export function keyFingerprint(key: string): string {
  return createHmac("sha256", key).update("quorum-studio owner key fingerprint v2").digest("base64url");
}

/** Constant-time equality of two strings of any length (both are hashed first). */
function same(a: string, b: string): boolean {
  const digest = (s: string) => createHmac("sha256", "quorum-studio compare").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Whether `candidate` is the owner key. */
export function isOwnerKey(candidate: string, key: string): boolean {
  return same(candidate, key);
}

/** The bearer credential of a request (`Authorization: Bearer …`), or null. */
export function bearerOf(headers: Headers): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.get("authorization") ?? "")?.[1]?.trim();
  return bearer || null;
}

/** A cookie's value from a Cookie header, or null. */
export function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

/**
 * Paths only the owner may use: the list, the studio and the designs API. The engine API
 * (`/api/analyze`, `/api/simulate`) also takes a review token and is checked by its routes.
 */
export function requiresOwner(pathname: string): boolean {
  return (
    pathname === "/" ||
    pathname === "/designs" ||
    pathname.startsWith("/designs/") ||
    pathname === "/api/designs" ||
    pathname.startsWith("/api/designs/")
  );
}

/** Where to go after signing in: a path on this site, never another origin. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith("/")) return "/";
  // Resolve it the way a browser will (which drops tabs and newlines and reads "\\" as "/"), then
  // keep it only if it stays on this site.
  const here = "http://studio.invalid";
  try {
    const url = new URL(next, here);
    const path = url.pathname + url.search + url.hash;
    // "/.//evil.example" resolves to the path "//evil.example": sent back as a Location, a browser
    // reads that as another host. A target must not start with two slashes (or a backslash) after
    // resolution either.
    if (url.origin !== here || /^[/\\]{2}/.test(path) || path.startsWith("/\\")) return "/";
    return path;
  } catch {
    return "/";
  }
}
