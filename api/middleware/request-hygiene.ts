// Checks every request's path and query string before any route reads them:
// a NUL, a lone surrogate or a broken percent-escape would otherwise reach
// PostgreSQL (which refuses NUL in text) or Express's parameter decoder, and
// come back as a 500. The answer is a 400 naming the part that is wrong.
import type { RequestHandler } from "express";
import { AppError } from "../../core/errors.js";
import { inputErrors, invalidInput, textProblem } from "../validation.js";

function pathProblem(path: string): string | undefined {
  for (const segment of path.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `segment ${JSON.stringify(segment.slice(0, 60))} is not valid percent-encoded UTF-8`;
    }
    const problem = textProblem(decoded);
    if (problem) return `segment ${JSON.stringify(segment.slice(0, 60))} ${problem}`;
  }
  return undefined;
}

export const requestHygiene: RequestHandler = (req, _res, next) => {
  const problem = pathProblem(req.path);
  if (problem) {
    throw new AppError("validation_failed", "the request path is not valid", { errors: [{ path: "path", message: problem }] });
  }
  const errors = inputErrors(req.query, "query");
  if (errors.length > 0) throw invalidInput(errors);
  next();
};
