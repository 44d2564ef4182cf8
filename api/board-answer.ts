// Sends a queue board answer (core/triage/board-cache.ts) as the JSON text
// and ETag kept with it: the readers that share one computation also share
// its serialisation. Why: under ingest load the API re-serialised the same
// cached first page (50 rows) for every reader and hashed it again for its
// ETag, the largest share of its CPU on board reads after the sockets. The
// body is what res.json would send (the same JSON.stringify, the same
// content type), and the ETag comes from the app's own generator (the
// "etag fn" setting, none when ETags are off), so conditional GETs still
// answer 304.
import type { Response } from "express";
import type { BoardView } from "../core/triage/board-cache.js";
import type { Services } from "../core/services.js";

interface Serialised {
  body: string;
  /** Computed by the first send, then shared. */
  etag?: string | undefined;
}

type EtagFn = ((body: string, encoding: BufferEncoding) => string | undefined) | undefined;

export async function sendBoardAnswer(services: Services, res: Response, unitId: string, view: BoardView, key: unknown, compute: () => Promise<object>): Promise<void> {
  const answer = await services.boardCache.read<Serialised>(unitId, view, key, async () => ({ body: JSON.stringify(await compute()) }));
  const etagOf = res.app.get("etag fn") as EtagFn;
  if (etagOf !== undefined) {
    answer.etag ??= etagOf(answer.body, "utf8");
    if (answer.etag !== undefined) res.set("ETag", answer.etag);
  }
  res.type("json").send(answer.body);
}
