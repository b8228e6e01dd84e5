import type { Problem } from "../design/validate";

/** Marks service errors across module copies (Next bundles each route apart; the engine pool is shared). */
const SERVICE_ERROR = Symbol.for("quorum-studio.ServiceError");

/** An error a route can answer with a status code; anything else is a bug (500). */
export class ServiceError extends Error {
  readonly [SERVICE_ERROR] = true;

  /** `instanceof` that also holds for a ServiceError made by another bundle's copy of this module. */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== ServiceError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[SERVICE_ERROR] === true;
  }

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class ValidationError extends ServiceError {
  constructor(readonly problems: Problem[], message = "The design is not valid") {
    super(400, "invalid", message, { problems });
  }
}

export class NotFoundError extends ServiceError {
  constructor(what = "design") {
    super(404, "not_found", `No such ${what}`);
  }
}

export class ConflictError extends ServiceError {
  constructor(currentVersion: number, updatedAt: Date) {
    super(409, "conflict", `The design was changed elsewhere (now at version ${currentVersion}); reload to see it`, {
      currentVersion,
      updatedAt: updatedAt.toISOString(),
    });
  }
}

export class PayloadTooLargeError extends ServiceError {
  constructor(limit: number) {
    super(413, "too_large", `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB`);
  }
}

/** 415: the body must be declared JSON (a browser's cross-site "simple" form or text posts are not). */
export class UnsupportedMediaTypeError extends ServiceError {
  constructor(received: string | null) {
    super(415, "unsupported_media_type", `Send the body as JSON with "Content-Type: application/json"${received ? ` (got "${received.slice(0, 80)}")` : " (no Content-Type was sent)"}`);
  }
}

export class RateLimitedError extends ServiceError {
  constructor(retryAfterSeconds: number, what = "comments") {
    super(429, "rate_limited", `Too many ${what}; try again in ${retryAfterSeconds} s`, { retryAfterSeconds }, { "retry-after": String(retryAfterSeconds) });
  }
}
