// The one place where errors become HTTP answers. Domain errors carry a code;
// body-parser errors carry a type; anything else is a generic 500 that never
// leaks a stack trace or SQL.
import type { ErrorRequestHandler } from "express";
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
  message: string;
}

function fromBodyParser(error: BodyParserError): AppError | undefined {
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
    case "charset.unsupported":
      return new AppError("validation_failed", "unsupported body encoding", { errors: [{ path: "headers.content-type", message: "use UTF-8 JSON" }] });
    case "request.aborted":
      return new AppError("validation_failed", "request aborted by the client");
    default:
      return undefined;
  }
}

/** PostgreSQL or Redis unreachable: the client should retry later. */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "ECONNREFUSED" || code === "57P01" || code === "57P03" || code === "53300" || code === "ETIMEDOUT" ||
    (error instanceof Error && /Connection terminated|connect ECONNREFUSED|Can't reach database/i.test(error.message));
}

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const known =
    error instanceof AppError ? error : fromBodyParser(error as BodyParserError) ??
      (isUnavailable(error) ? new AppError("unavailable", "a backing service is unavailable; retry shortly") : undefined);
  if (!known) {
    req.log.error({ err: error }, "unhandled error");
    res.status(500).json({ error: "internal", message: "internal error", requestId: req.id });
    return;
  }
  const status = STATUS[known.code];
  if (status >= 500) req.log.warn({ err: error }, known.message);
  if (status === 503) res.setHeader("Retry-After", "5");
  res.status(status).json({ error: known.code, message: known.message, ...known.details, requestId: req.id });
};
