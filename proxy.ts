/**
 * The network boundary: the host names the studio answers to, cross-site writes, the owner's
 * sign-in (lib/server/owner-auth.ts, lib/server/sessions.ts),
 * and the Content-Security-Policy of every page and API response (the other security headers, on
 * static files too, are in next.config.js). The Content-Security-Policy carries a fresh
 * nonce per request: Next puts it on its own scripts, so no other inline script (nothing that
 * could come from user data) runs. Styles stay 'unsafe-inline' because React Flow positions nodes
 * with inline styles and Mermaid's SVG embeds its <style>; no script can come through a style.
 */
import { NextResponse, type NextRequest } from "next/server";
import { requiresOwner } from "./lib/server/owner-auth";
import { ownerCredential } from "./lib/server/sessions";
import { pause, throttleAddress, wrongKeys } from "./lib/server/throttle";

export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Refuses a request for an owner path without the owner's session or bearer key. */
async function ownerGate(request: NextRequest): Promise<Response | null> {
  const path = request.nextUrl.pathname;
  if (!requiresOwner(path)) return null;
  const credential = await ownerCredential(request.headers);
  if (credential === "owner") return null;
  if (credential === "wrong") await pause(await wrongKeys().wrong(throttleAddress(request))); // the right key never waits
  if (path.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "unauthorized", message: "Sign in as the studio's owner (or send Authorization: Bearer <owner key>)" } }, { status: 401 });
  }
  const signIn = new URL("/sign-in", request.url); // the proxy sees the host the browser used
  signIn.searchParams.set("next", path + request.nextUrl.search);
  return NextResponse.redirect(signIn, 303);
}

/**
 * Cross-site writes are refused: a page on another site cannot make the owner's browser create,
 * change or comment on anything here (a form or a text/plain fetch needs no preflight). Browsers
 * send Origin on every cross-site POST; requests without it (curl, the CLI) are not browsers.
 */
function crossSiteWrite(request: NextRequest): Response | null {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return null;
  const origin = request.headers.get("origin");
  if (!origin) return null;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null;
  }
  // The host the browser used: Host, or what a reverse proxy says it was.
  if (host !== null && (host === request.headers.get("host") || host === request.headers.get("x-forwarded-host"))) return null;
  return NextResponse.json({ error: { code: "cross_site", message: "Requests that change data must come from this site's own pages" } }, { status: 403 });
}

/** The names the studio always answers to: this machine's. */
const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/**
 * The names this studio answers to: this machine's, plus QUORUM_ALLOWED_HOSTS (comma-separated,
 * e.g. `studio.example.com,10.0.0.5`). Any other Host gets 421, which stops DNS rebinding (a page
 * on evil.example whose name now points at 127.0.0.1; audit D7).
 */
function unknownHost(request: NextRequest): Response | null {
  const extra = process.env.QUORUM_ALLOWED_HOSTS?.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean) ?? [];
  const host = (request.headers.get("host") ?? request.nextUrl.host).toLowerCase();
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0];
  if (LOCAL_HOSTS.includes(name) || name.endsWith(".localhost") || extra.includes(host) || extra.includes(name)) return null;
  return new NextResponse(`This studio does not answer to the host name "${name}". Its operator can add it to QUORUM_ALLOWED_HOSTS.`, {
    status: 421,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

export async function proxy(request: NextRequest) {
  const refused = unknownHost(request) ?? crossSiteWrite(request) ?? (await ownerGate(request));
  if (refused) return refused;
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  const path = request.nextUrl.pathname;
  if (path.startsWith("/r/") || path.startsWith("/api/review/")) {
    response.headers.set("cache-control", "private, no-store");
    response.headers.set("x-robots-tag", "noindex, nofollow");
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg|favicon.ico|og.png|manifest.webmanifest|icons/).*)" }],
};
