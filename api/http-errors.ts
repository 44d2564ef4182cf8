// The one place where errors become HTTP answers. Domain errors carry a code;
// body-parser errors carry a type; anything else is a generic 500 that never
// leaks a stack trace or SQL.
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, type ErrorCode } from "../core/errors.js";

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  length?: number;
  code?: unknown;
  expose?: boolean;
  message: string;
}

function fromBodyParser(error: BodyParserError, contentEncoding: string | undefined): AppError | undefined {
  switch (error.type) {
    case "entity.too.large":
      return new AppError(
        "payload_too_large",
        `request body is ${error.length ?? "over"} bytes; this route accepts at most ${error.limit ?? "?"} bytes`,
        { limit: error.limit },
      );
    case "entity.parse.failed":
      return new AppError("validation_failed", "request body is not valid JSON", {
        errors: [{ path: "body", message: `malformed JSON: ${error.message.slice(0, 200)}` }],
      });
    case "encoding.unsupported":
      return new AppError("validation_failed", "unsupported Content-Encoding", {
        errors: [{ path: "headers.content-encoding", message: "use gzip, deflate, br or none (identity)" }],
      });
    case "charset.unsupported":
      return new AppError("validation_failed", "unsupported body encoding", { errors: [{ path: "headers.content-type", message: "use UTF-8 JSON" }] });
    case "request.aborted":
      return new AppError("validation_failed", "request aborted by the client");
    default:
      return fromUnreadableBody(error, contentEncoding);
  }
}

/**
 * A body that cannot be read, e.g. `Content-Encoding: gzip` on bytes that are
 * not gzip: body-parser passes the zlib error on with status 400 and no type.
 */
function fromUnreadableBody(error: BodyParserError, contentEncoding: string | undefined): AppError | undefined {
  if (error.status !== 400 || error.expose !== true) return undefined;
  const decoding = contentEncoding !== undefined && contentEncoding.toLowerCase() !== "identity";
  return new AppError("validation_failed", "request body could not be read", {
    errors: [
      decoding
        ? { path: "headers.content-encoding", message: "the body is not in the encoding this header names" }
        : { path: "body", message: error.message.slice(0, 200) },
    ],
  });
}

/**
 * Codes of a lost or refused connection: pg class 08 (connection exception),
 * 57P01-03 (admin shutdown, crash shutdown, cannot connect now), 53300 (too
 * many connections), Prisma P1001/P1002/P1017, and socket errors.
 */
const UNAVAILABLE_CODES = new Set([
  "08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03", "53300",
  "P1001", "P1002", "P1017", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH",
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|Can't reach database|Connection is closed|terminating connection due to administrator command|timeout exceeded when trying to connect|not queryable|Query read timeout|Command timed out|enableOfflineQueue/i;

/** PostgreSQL or Redis unreachable: the client should retry later. */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  if (error instanceof Error && UNAVAILABLE_MESSAGE.test(error.message)) return true;
  // AggregateError (several addresses refused) and wrapped causes.
  const nested = [...((error as { errors?: unknown[] }).errors ?? []), (error as { cause?: unknown }).cause];
  return nested.some((inner) => inner !== undefined && inner !== error && isUnavailable(inner, depth + 1));
}

/** No route answers this path: a 404 problem that names it (the path without its query). */
export const unknownRoute: RequestHandler = (req, _res, next) => {
  // The full path even where it is mounted under a prefix (req.path is then relative to it).
  const path = req.originalUrl.split("?")[0] ?? req.path;
  next(new AppError("not_found", `no route ${req.method} ${path}`, { path }));
};

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const known =
    error instanceof AppError ? error : fromBodyParser(error as BodyParserError, req.get("content-encoding")) ??
      (isUnavailable(error) ? new AppError("unavailable", "a backing service is unavailable; retry shortly") : undefined);
  if (!known) {
    req.log.error({ err: error }, "unhandled error");
    res.status(500).json({ error: "internal", message: "internal error", requestId: req.id });
    return;
  }
  const status = STATUS[known.code];
  if (status >= 500) req.log.warn({ err: error }, known.message);
  // A throttle says when to come back; an unavailable backing service, in 5 s.
  const retryAfter = known.details.retryAfterSeconds;
  if (typeof retryAfter === "number") res.setHeader("Retry-After", String(Math.max(1, Math.ceil(retryAfter))));
  else if (status === 503) res.setHeader("Retry-After", "5");
  res.status(status).json({ error: known.code, message: known.message, ...known.details, requestId: req.id });
};
