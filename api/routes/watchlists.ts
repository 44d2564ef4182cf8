// The analyst API for watchlists: the lists profiles read with `inList`.
import { Router } from "express";
import type { Services } from "../../core/services.js";
import { createWatchlist, listWatchlists } from "../../core/watchlists/manage-watchlists.js";
import { addEntries, listEntries, removeEntry } from "../../core/watchlists/watchlist-entries.js";
import { addEntriesSchema, createWatchlistSchema, listEntriesQuery } from "../../core/watchlists/watchlist-schemas.js";
import { guard } from "../middleware/guard.js";
import { actorOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

const LIST = "/v1/units/:unitCode/watchlists/:listCode";

export function watchlistRoutes(services: Services): Router {
  const router = Router();
  const analysts = guard(services, { kind: "unit", roles: ["analyst"] });

  router.get("/v1/units/:unitCode/watchlists", analysts, async (req, res) => {
    res.json(await listWatchlists(services, unitOf(req)));
  });
  router.post("/v1/units/:unitCode/watchlists", analysts, async (req, res) => {
    const created = await createWatchlist(services, unitOf(req), parseOrThrow(createWatchlistSchema, req.body), actorOf(req));
    res.status(201).location(`/v1/units/${unitOf(req).code}/watchlists/${created.code}/entries`).json(created);
  });
  router.get(`${LIST}/entries`, analysts, async (req, res) => {
    const query = parseOrThrow(listEntriesQuery, req.query, "query");
    res.json(await listEntries(services, unitOf(req), String(req.params.listCode), query));
  });
  router.post(`${LIST}/entries`, analysts, async (req, res) => {
    const input = parseOrThrow(addEntriesSchema, req.body);
    res.status(201).json(await addEntries(services, unitOf(req), String(req.params.listCode), input, actorOf(req)));
  });
  router.delete(`${LIST}/entries/:entryId`, analysts, async (req, res) => {
    res.json(await removeEntry(services, unitOf(req), String(req.params.listCode), String(req.params.entryId), actorOf(req)));
  });
  return router;
}
