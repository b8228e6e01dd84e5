import { NextResponse } from "next/server";
import { route } from "@/lib/server/access";
import { getDb } from "@/lib/server/db";
import { cookieValue, isOwnerKey, ownerMode, safeNext } from "@/lib/server/owner-auth";
import { endSession, openSession, SESSION_COOKIE, SESSION_SECONDS } from "@/lib/server/sessions";
import { pause, throttleAddress, wrongKeys } from "@/lib/server/throttle";

/**
 * A 303 to a path on this site. The Location stays relative: behind `next start -H` the request's
 * own URL may name another host (localhost for 127.0.0.1), where the cookie would not be sent.
 */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: path } });
}

/** Sign in with the owner key (the /sign-in form, or the URL printed at start-up): opens a session. */
export const POST = route("public", async function POST(request: Request) {
  const mode = ownerMode();
  const form = await request.formData().catch(() => null);
  const next = safeNext(form?.get("next")?.toString());
  if (mode.kind === "open") return seeOther(next);
  const address = throttleAddress(request);
  if (!isOwnerKey(form?.get("key")?.toString() ?? "", mode.key)) {
    await pause(await wrongKeys().wrong(address)); // a wrong key is answered late; the right one never waits
    return seeOther(`/sign-in?${new URLSearchParams({ next, error: "wrong-key" })}`);
  }
  await wrongKeys().right(address);
  const { token } = await openSession(getDb(), mode.key, request.headers.get("user-agent"));
  const response = seeOther(next);
  response.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(request.url).protocol === "https:",
    path: "/",
    maxAge: SESSION_SECONDS,
  });
  return response;
});

/** Signs out: the session ends on the server too, so a copy of the cookie no longer works. */
export const DELETE = route("public", async function DELETE(request: Request) {
  const token = cookieValue(request.headers.get("cookie"), SESSION_COOKIE);
  if (token) await endSession(getDb(), token);
  const response = new NextResponse(null, { status: 204 });
  response.cookies.delete(SESSION_COOKIE);
  return response;
});
