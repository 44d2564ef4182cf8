// Domain errors. Use cases throw these; api/http-errors.ts is the one place
// that maps them to HTTP status codes.

export type ErrorCode =
  | "validation_failed"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unauthenticated"
  | "forbidden"
  | "rate_limited"
  | "unavailable";

export interface FieldError {
  /** Path of the field in the request, e.g. `shipments[3].containerNumber`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

export const validationFailed = (errors: FieldError[], message = "request is not valid") =>
  new AppError("validation_failed", message, { errors });

export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError("conflict", message, details);
