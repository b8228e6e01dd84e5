/**
 * Who may call a route, declared where the route is defined (the model: Dub's `withWorkspace`):
 * - "owner": the studio's owner (lib/server/owner-auth.ts: a session cookie or the bearer key;
 *   anyone when the operator opened the studio with QUORUM_OPEN=1);
 * - "engine": the owner, or a reviewer sending a live review token in `X-Review-Token` (the
 *   engine API costs CPU, so it is not for anyone who can reach the server; audit D9);
 * - "reviewer": a review token in the path, checked by the route's service (revoked, expired and
 *   unknown tokens are 404);
 * - "public": no credential (sign-in itself).
 * The proxy (proxy.ts) enforces owner paths first; routes enforce their declaration again, so a
 * path the proxy's rules miss is still refused. tests/integration/route-access.test.ts reads every
 * route file and fails when a handler has no declaration or disagrees with the proxy.
 */
import { NextResponse } from "next/server";
import { getDb } from "./db";
import { checkDiskSpace, DiskFullError } from "./disk-space";
import { NotFoundError } from "./errors";
import { reviewStatus } from "./review";
import { ownerCredential } from "./sessions";

export type Access = "owner" | "engine" | "reviewer" | "public";

type Handler = (...args: never[]) => Response | Promise<Response>;
export type DeclaredHandler<H extends Handler> = H & { readonly access: Access };

const UNAUTHORIZED = {
  owner: "Sign in as the studio's owner (or send Authorization: Bearer <owner key>)",
  engine: "Send Authorization: Bearer <owner key>, sign in as the owner, or send X-Review-Token: <token of a live review link>",
};

/** Whether the request may use an "engine" route: the owner, or the holder of a live review link. */
async function mayUseEngine(request: Request): Promise<boolean> {
  if ((await ownerCredential(request.headers)) === "owner") return true;
  const token = request.headers.get("x-review-token")?.trim();
  if (!token) return false;
  try {
    await reviewStatus(getDb(), token);
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/**
 * Wraps a route handler with its access level (the handler's own signature is kept). Writes are
 * refused while the PGlite disk is nearly full (lib/server/disk-space.ts).
 */
export function route<H extends Handler>(access: Access, handler: H): DeclaredHandler<H> {
  const declared = (async (...args: Parameters<H>) => {
    const request = (args[0] as Request | undefined) ?? new Request("http://studio.invalid/");
    if (access === "owner" || access === "engine") {
      const allowed = access === "owner" ? (await ownerCredential(request.headers)) === "owner" : await mayUseEngine(request);
      if (!allowed) return NextResponse.json({ error: { code: "unauthorized", message: UNAUTHORIZED[access] } }, { status: 401 });
    }
    if (access !== "engine" && request.method !== "GET" && request.method !== "HEAD") {
      try {
        checkDiskSpace();
      } catch (error) {
        if (error instanceof DiskFullError) return NextResponse.json({ error: { code: error.code, message: error.message } }, { status: error.status });
        throw error;
      }
    }
    return handler(...args);
  }) as unknown as DeclaredHandler<H>;
  Object.defineProperty(declared, "access", { value: access, enumerable: true });
  return declared;
}
