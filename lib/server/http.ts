/**
 * The shared shell of every route handler: read a bounded JSON body, run a service, map typed
 * errors to status codes. Handlers stay three lines.
 */
import { NextResponse } from "next/server";
import { PayloadTooLargeError, ServiceError, ValidationError } from "./errors";

/** Largest request body accepted (a design file of a few thousand nodes fits easily). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Reads the body as JSON, refusing more than `limit` bytes without buffering them. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > limit) throw new PayloadTooLargeError(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw new PayloadTooLargeError(limit);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new ValidationError([{ path: "", message: "the request body is empty; send a JSON document" }], "Empty body");
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ path: "", message: `not valid JSON (${detail})` }], "The body is not valid JSON");
  }
}

/** Runs a handler body and turns its outcome into a response. */
export async function respond(run: () => Promise<Response | unknown>, successStatus = 200): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    if (result === undefined) return new Response(null, { status: 204 });
    return NextResponse.json(result, { status: successStatus });
  } catch (error) {
    if (error instanceof ServiceError) {
      return NextResponse.json({ error: { code: error.code, message: error.message, ...error.details } }, { status: error.status, headers: error.headers });
    }
    console.error(error);
    return NextResponse.json({ error: { code: "internal", message: "Something went wrong on the server" } }, { status: 500 });
  }
}
