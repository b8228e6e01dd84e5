/**
 * Optional owner sign-in. Without QUORUM_OWNER_KEY the studio is a single-user tool: whoever
 * reaches its address owns it (run it on localhost or a private network). With the key set, the
 * designs list, the studio and the designs API need the owner's session cookie (set by /sign-in)
 * or `Authorization: Bearer <key>`; review links, `/api/analyze` and `/api/simulate` stay open.
 * Review tokens are never owner credentials.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const OWNER_COOKIE = "qs_owner";
/** How long a sign-in lasts. */
export const OWNER_SESSION_SECONDS = 30 * 24 * 3600;

/** The configured owner key, or null when the studio is open (the default). */
export function configuredOwnerKey(env: Record<string, string | undefined> = process.env): string | null {
  const key = env.QUORUM_OWNER_KEY?.trim();
  return key ? key : null;
}

/** The cookie value for a signed-in owner: derived from the key, so the key itself is never stored in a browser. */
export function ownerSession(key: string): string {
  return createHmac("sha256", key).update("quorum-studio owner session v1").digest("base64url");
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

function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

/** Whether a request carries the owner's session cookie or bearer key. */
export function isOwnerRequest(headers: Headers, key: string): boolean {
  const session = cookieValue(headers.get("cookie"), OWNER_COOKIE);
  if (session !== null && same(session, ownerSession(key))) return true;
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.get("authorization") ?? "")?.[1];
  return bearer !== undefined && same(bearer.trim(), key);
}

/**
 * Paths only the owner may use when a key is configured: the list, the studio, the designs API,
 * and the engine API (`/api/analyze`, `/api/simulate`: a 1.8 MB design costs seconds of CPU, so
 * anyone who can reach the studio must not be able to spend it; audit D9). Scripts send
 * `Authorization: Bearer <key>`; reviewers' pages run the engine in their browser.
 */
export function requiresOwner(pathname: string): boolean {
  return (
    pathname === "/" ||
    pathname === "/designs" ||
    pathname.startsWith("/designs/") ||
    pathname === "/api/designs" ||
    pathname.startsWith("/api/designs/") ||
    pathname === "/api/analyze" ||
    pathname === "/api/simulate"
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
