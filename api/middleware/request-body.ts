// Body readers for every route: JSON and plain text are refused with a 400
// naming the problem when the bytes are not UTF-8 (the decoder would
// otherwise replace them with U+FFFD and store the result), and a parsed JSON
// body is checked once for what no schema should have to think about:
// nesting depth, prototype keys, NUL and lone surrogates (api/validation.ts).
import { isUtf8 } from "node:buffer";
import express, { type RequestHandler } from "express";
import { AppError } from "../../core/errors.js";
import { inputErrors, invalidInput, markWalked } from "../validation.js";

/** The 400 for a body whose bytes are not UTF-8. */
export function invalidUtf8Body(): AppError {
  return new AppError("validation_failed", "request body is not valid UTF-8", {
    errors: [{ path: "body", message: "invalid UTF-8 byte sequence: send UTF-8 text" }],
  });
}

function verifyUtf8(_req: unknown, _res: unknown, raw: Buffer): void {
  if (!isUtf8(raw)) throw invalidUtf8Body();
}

/**
 * express.json with the checks above; `limit` in bytes or as "3mb". `walk: false` leaves the body's walk to the
 * route, which must then check it before use: the manifest route's fast path checks every text it accepts
 * (core/manifests/fast-manifest.ts), and whatever it does not accept goes to parseOrThrow, which walks it. The
 * walk of a 15,000-container manifest took 40-60 ms of the answer, for texts the fast path reads anyway.
 */
export function jsonBody(limit: number | string, options: { walk?: boolean } = {}): RequestHandler {
  const parse = express.json({ limit, strict: true, verify: verifyUtf8 });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (options.walk === false) return next();
      const errors = inputErrors(req.body);
      if (errors.length === 0) markWalked(req.body);
      next(errors.length > 0 ? invalidInput(errors) : undefined);
    });
  };
}

/** express.text (text/plain) refusing invalid UTF-8 and NUL characters. */
export function textBody(limit: number | string): RequestHandler {
  const parse = express.text({ type: "text/plain", limit, verify: verifyUtf8 });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (error) return next(error);
      const errors = typeof req.body === "string" ? inputErrors(req.body) : [];
      next(errors.length > 0 ? invalidInput(errors) : undefined);
    });
  };
}
