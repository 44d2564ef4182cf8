// Every request gets an id (the caller's X-Request-Id when it is sane) that
// appears in each log line and in error answers. The line for the answer
// ("request completed", "request errored" from 500 up, or "request aborted")
// carries the request's id, method and url, the status and the response
// time, at info, warn from 400 and error from 500, as pino-http wrote it.
// Why not pino-http itself: it builds a child logger with the serialised
// request for every request, whether anything is logged or not, which was
// 8 % of the API's time under the board's read load with LOG_LEVEL=warn.
// Here the request's logger (req.log) is made when a line is written.
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../../core/logger.js";

const SANE_ID = /^[A-Za-z0-9._-]{8,64}$/;

declare module "express-serve-static-core" {
  interface Request {
    id: string;
    log: Logger;
  }
}

export function requestLogging(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && SANE_ID.test(given) ? given : randomUUID();
    res.setHeader("X-Request-Id", id);
    req.id = id;
    const started = Date.now();
    // The url as it came in: routers rewrite req.url on the way.
    const bound = { id, method: req.method, url: req.url };
    let child: Logger | undefined;
    const log = () => (child ??= logger.child({ req: bound }));
    Object.defineProperty(req, "log", { get: log, configurable: true, enumerable: false });

    const done = (error?: unknown) => {
      res.off("finish", done);
      res.off("close", done);
      res.off("error", done);
      const status = res.statusCode;
      const aborted = error === undefined && !res.writableFinished;
      const level = error !== undefined || aborted || status >= 500 ? "error" : status >= 400 ? "warn" : "info";
      if (!logger.isLevelEnabled(level)) return;
      const fields = { res: { statusCode: status }, responseTime: Date.now() - started };
      if (error !== undefined || aborted || status >= 500) {
        const err = error ?? new Error(aborted ? "request aborted" : `failed with status code ${status}`);
        log()[level]({ ...fields, err }, aborted ? "request aborted" : "request errored");
      } else log()[level](fields, "request completed");
    };
    res.on("finish", done);
    res.on("close", done);
    res.on("error", done);
    next();
  };
}
