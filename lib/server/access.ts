/**
 * Who may call a route, declared where the route is defined (the model: Dub's `withWorkspace`):
 * - "owner": the studio's owner — anyone who reaches a keyless studio (on this machine by
 *   default), else whoever signed in with QUORUM_OWNER_KEY or sends it as a bearer key;
 * - "reviewer": a review token in the path, checked by the route's service (revoked, expired and
 *   unknown tokens are 404);
 * - "public": no credential (sign-in itself).
 * The proxy (proxy.ts) enforces owner paths first; routes enforce their declaration again, so a
 * path the proxy's rules miss is still refused. tests/integration/route-access.test.ts reads every
 * route file and fails when a handler has no declaration or disagrees with the proxy.
 */
import { NextResponse } from "next/server";
import { configuredOwnerKey, isOwnerRequest } from "./owner-auth";

export type Access = "owner" | "reviewer" | "public";

type Handler = (...args: never[]) => Response | Promise<Response>;
export type DeclaredHandler<H extends Handler> = H & { readonly access: Access };

/** Wraps a route handler with its access level (the handler's own signature is kept). */
export function route<H extends Handler>(access: Access, handler: H): DeclaredHandler<H> {
  const declared = ((...args: Parameters<H>) => {
    if (access === "owner") {
      const key = configuredOwnerKey();
      const request = args[0] as Request | undefined;
      if (key && !(request?.headers && isOwnerRequest(request.headers, key))) {
        return NextResponse.json({ error: { code: "unauthorized", message: "Sign in as the studio's owner (or send Authorization: Bearer <owner key>)" } }, { status: 401 });
      }
    }
    return handler(...args);
  }) as unknown as DeclaredHandler<H>;
  Object.defineProperty(declared, "access", { value: access, enumerable: true });
  return declared;
}
