/**
 * Owner sessions (audit D11): each sign-in opens a random session whose token only the browser
 * holds (an httpOnly cookie); the database keeps the token's SHA-256, the fingerprint of the key
 * it was opened with, and its expiry. Sign-out deletes the row, and a new owner key ends every
 * session opened with the old one (the fingerprint no longer matches; start-up deletes them).
 */
import { createHash, randomBytes } from "node:crypto";
import { getDb, type Db } from "./db";
import { bearerOf, configuredOwnerKey, cookieValue, isOwnerKey, keyFingerprint } from "./owner-auth";

export const SESSION_COOKIE = "qs_session";
/** How long a sign-in lasts. */
export const SESSION_SECONDS = 30 * 24 * 3600;

const hashOf = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Opens a session for the holder of `key`; returns the cookie's token. */
export async function openSession(db: Db, key: string, userAgent: string | null, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_SECONDS * 1000);
  await db.ownerSession.create({ data: { id: hashOf(token), keyFingerprint: keyFingerprint(key), expiresAt, userAgent: userAgent?.slice(0, 200) ?? null } });
  return { token, expiresAt };
}

/** Whether `token` is a live session opened with `key`. */
export async function isLiveSession(db: Db, token: string, key: string, now = new Date()): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const session = await db.ownerSession.findUnique({ where: { id: hashOf(token) } });
  return session !== null && session.expiresAt > now && session.keyFingerprint === keyFingerprint(key);
}

/** Ends the session of `token` (sign-out). */
export async function endSession(db: Db, token: string): Promise<void> {
  await db.ownerSession.deleteMany({ where: { id: hashOf(token) } });
}

/** Deletes sessions of other keys and expired ones (run at start-up); returns how many. */
export async function pruneSessions(db: Db, key: string | null, now = new Date()): Promise<number> {
  const stale = await db.ownerSession.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, ...(key ? [{ keyFingerprint: { not: keyFingerprint(key) } }] : [])] },
  });
  return stale.count;
}

/**
 * Whether a request comes from the owner: an open studio's visitors always do; otherwise the
 * bearer key or a live session cookie. A wrong bearer key is "wrong", an absent one "none", so
 * the caller can throttle guesses (lib/server/throttle.ts).
 */
export async function ownerCredential(headers: Headers, db: () => Db = getDb): Promise<"owner" | "none" | "wrong"> {
  const key = configuredOwnerKey();
  if (!key) return "owner";
  const bearer = bearerOf(headers);
  if (bearer !== null) return isOwnerKey(bearer, key) ? "owner" : "wrong";
  const token = cookieValue(headers.get("cookie"), SESSION_COOKIE);
  return token !== null && (await isLiveSession(db(), token, key)) ? "owner" : "none";
}
