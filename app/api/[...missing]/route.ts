import { NextResponse } from "next/server";
import { route } from "@/lib/server/access";

/** Any /api/ path no route serves: a JSON 404 (API clients never get the HTML "not found" page). */
function missing(request: Request) {
  return NextResponse.json({ error: { code: "not_found", message: `No API route ${request.method} ${new URL(request.url).pathname}; see the HTTP API in the README` } }, { status: 404 });
}

export const GET = route("public", missing);
export const POST = route("public", missing);
export const PUT = route("public", missing);
export const PATCH = route("public", missing);
export const DELETE = route("public", missing);
