import { route } from "@/lib/server/access";
import { NextResponse } from "next/server";
import { configuredOwnerKey, isOwnerKey, OWNER_COOKIE, OWNER_SESSION_SECONDS, ownerSession, safeNext } from "@/lib/server/owner-auth";
import { clientAddress, RateLimiter } from "@/lib/server/rate-limit";

const attempts = new RateLimiter({ capacity: 10, perMinute: 5 });
/** All sign-in attempts together: addresses are not always known (or can be forged). */
const allAttempts = new RateLimiter({ capacity: 30, perMinute: 10 });

/**
 * A 303 to a path on this site. The Location stays relative: behind `next start -H` the request's
 * own URL may name another host (localhost for 127.0.0.1), where the cookie would not be sent.
 */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: path } });
}

/** Sign in with the owner key (the /sign-in form): sets the owner's session cookie. */
export const POST = route("public", async function POST(request: Request) {
  const key = configuredOwnerKey();
  const form = await request.formData().catch(() => null);
  const next = safeNext(form?.get("next")?.toString());
  const back = (error: string) => seeOther(`/sign-in?${new URLSearchParams({ next, error })}`);
  if (!key) return seeOther(next);
  const address = clientAddress(request);
  if ((address !== null && attempts.take(address) > 0) || allAttempts.take("all") > 0) return back("slow-down");
  if (!isOwnerKey(form?.get("key")?.toString() ?? "", key)) return back("wrong-key");
  const response = seeOther(next);
  response.cookies.set(OWNER_COOKIE, ownerSession(key), {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(request.url).protocol === "https:",
    path: "/",
    maxAge: OWNER_SESSION_SECONDS,
  });
  return response;
});

/** Signs out of this browser. */
export const DELETE = route("public", function DELETE() {
  const response = new NextResponse(null, { status: 204 });
  response.cookies.delete(OWNER_COOKIE);
  return response;
});
