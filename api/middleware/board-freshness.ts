// A write that succeeds makes the queue board's next reads fresh
// (core/triage/board-cache.ts): an officer who records a decision sees it in
// the queue at once. Invalidated as the answer's headers go out, before the
// client can ask again. Ingest is left out: its shipments reach the board
// once the workers score them, which the cache's lifetime already bounds,
// and under a feed of manifests it would empty the cache several times a
// second.
import type { NextFunction, Request, Response } from "express";
import type { BoardCache } from "../../core/triage/board-cache.js";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const INGEST = /^\/v1\/units\/[^/]+\/(manifests|history-imports)\/?$/;

export function boardFreshness(cache: BoardCache) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!READS.has(req.method) && !(req.method === "POST" && INGEST.test(req.path))) {
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
      res.writeHead = ((...args: unknown[]) => {
        const status = typeof args[0] === "number" ? args[0] : res.statusCode;
        if (status < 400) cache.invalidate();
        return writeHead(...args);
      }) as Response["writeHead"];
    }
    next();
  };
}
