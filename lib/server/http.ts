/**
 * The shared shell of every route handler: read a bounded JSON body, run a service, map typed
 * errors to status codes. Handlers stay three lines.
 */
import { NextResponse } from "next/server";
import { formatPath } from "../design/validate";
import { PayloadTooLargeError, ServiceError, UnsupportedMediaTypeError, ValidationError } from "./errors";

/** Largest request body accepted (a design file of a few thousand nodes fits easily). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Reads the body as JSON, refusing more than `limit` bytes without buffering them. */
export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  return (await readJson(request, limit)).value;
}

/** The body as JSON with its size in bytes (the engine keeps big bodies off its small-jobs thread). */
export async function readJson(request: Request, limit = MAX_BODY_BYTES): Promise<{ value: unknown; bytes: number }> {
  const type = request.headers.get("content-type");
  if (!type || !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw new UnsupportedMediaTypeError(type);
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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ValidationError([{ path: "", message: `not valid JSON (${detail})` }], "The body is not valid JSON");
  }
  const bad = unstorableString(value);
  if (bad) throw new ValidationError([{ path: formatPath(bad), message: "contains a NUL character or an unpaired surrogate (\\u0000, \\ud800…), which text cannot hold" }], "The body holds text that cannot be stored");
  return { value, bytes: size };
}

/** NUL and lone surrogates: valid in JSON, refused by PostgreSQL text (and meaningless as text). */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The JSON path of the first string (value or key) that text columns cannot store, or null.
 * Iterative with parent links: nesting depth is the client's choice, so neither recursion nor
 * copying paths per level.
 */
export function unstorableString(root: unknown): (string | number)[] | null {
  interface Step {
    value: unknown;
    key: string | number | null;
    parent: Step | null;
  }
  const pathOf = (step: Step | null, last?: string): (string | number)[] => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let s = step; s && s.key !== null; s = s.parent) path.push(s.key);
    return path.reverse();
  };
  const stack: Step[] = [{ value: root, key: null, parent: null }];
  while (stack.length) {
    const step = stack.pop()!;
    const { value } = step;
    if (typeof value === "string") {
      if (UNSTORABLE.test(value)) return pathOf(step);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: step });
    } else if (value !== null && typeof value === "object") {
      const entries = Object.entries(value);
      for (const [key] of entries) if (UNSTORABLE.test(key)) return pathOf(step, key);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i][1], key: entries[i][0], parent: step });
    }
  }
  return null;
}

/** Runs a handler body and turns its outcome into a response. */
/**
 * "Try again" errors: Prisma's transaction start timeout (P2028), pool timeout (P2024), server
 * unreachable or closed (P1001, P1002, P1008, P1017); PostgreSQL starting up or shutting down
 * (57P03, 57P01, 57P02), too many connections (53300), connection failures (08xxx); and the
 * driver's words for the same. Looked for on the error and on its causes (driver adapters wrap).
 */
const OVERLOAD_CODES = new Set(["P2028", "P2024", "P1001", "P1002", "P1008", "P1017", "57P01", "57P02", "57P03", "53300", "08000", "08001", "08003", "08004", "08006"]);
const OVERLOAD_WORDS =
  /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|Unable to start a transaction in the given time|the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)|terminating connection due to administrator command|sorry, too many clients|Query read timeout/i;
export function isOverloaded(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, originalCode } = e as { code?: unknown; originalCode?: unknown };
    if ((typeof code === "string" && OVERLOAD_CODES.has(code)) || (typeof originalCode === "string" && OVERLOAD_CODES.has(originalCode))) return true;
    if (OVERLOAD_WORDS.test(e instanceof Error ? e.message : typeof e === "string" ? e : "")) return true;
  }
  return false;
}

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
    if (isOverloaded(error)) {
      // The database is busy or unreachable (pool exhausted, transaction start timed out, server
      // down): the request can be retried, and saying so beats a 500 (audit D4).
      return NextResponse.json({ error: { code: "unavailable", message: "The database is busy or unreachable; try again in a moment" } }, { status: 503, headers: { "retry-after": "1" } });
    }
    console.error(error);
    return NextResponse.json({ error: { code: "internal", message: "Something went wrong on the server" } }, { status: 500 });
  }
}
