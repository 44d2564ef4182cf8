// The analyst API for watchlists: the lists profiles read with `inList`.
import { Router } from "express";
import type { Services } from "../../core/services.js";
import { createWatchlist, listWatchlists } from "../../core/watchlists/manage-watchlists.js";
import { listEntries } from "../../core/watchlists/list-entries.js";
import { addEntries, removeEntry } from "../../core/watchlists/watchlist-entries.js";
import { addEntriesSchema, createWatchlistSchema, listEntriesQuery } from "../../core/watchlists/watchlist-schemas.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

const LIST = "/v1/units/:unitCode/watchlists/:listCode";

export function watchlistRoutes(services: Services): Router {
  const router = Router();
  const analysts = guard(services, { kind: "unit", roles: ["analyst"] });

  describeRoute(router, "GET", "/v1/units/:unitCode/watchlists", { tag: "watchlists", summary: "The unit's watchlists", responses: { 200: "watchlists" } });
  router.get("/v1/units/:unitCode/watchlists", analysts, async (req, res) => {
    res.json(await listWatchlists(services, unitOf(req)));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/watchlists", { tag: "watchlists", summary: "Create a watchlist", body: createWatchlistSchema, responses: { 201: "the watchlist" } });
  router.post("/v1/units/:unitCode/watchlists", analysts, async (req, res) => {
    const created = await createWatchlist(services, unitOf(req), parseOrThrow(createWatchlistSchema, req.body), actorOf(req));
    res.status(201).location(`/v1/units/${unitOf(req).code}/watchlists/${created.code}/entries`).json(created);
  });
  describeRoute(router, "GET", `${LIST}/entries`, { tag: "watchlists", summary: "Entries of a watchlist, by value, a page at a time (search, cursor), with the seizure an entry came from", query: listEntriesQuery, responses: { 200: "entries" } });
  router.get(`${LIST}/entries`, analysts, async (req, res) => {
    const query = parseOrThrow(listEntriesQuery, req.query, "query");
    res.json(await listEntries(services, unitOf(req), principalOf(req), String(req.params.listCode), query));
  });
  describeRoute(router, "POST", `${LIST}/entries`, { tag: "watchlists", summary: "Add entries to a watchlist", body: addEntriesSchema, responses: { 201: "added entries" } });
  router.post(`${LIST}/entries`, analysts, async (req, res) => {
    const input = parseOrThrow(addEntriesSchema, req.body);
    res.status(201).json(await addEntries(services, unitOf(req), String(req.params.listCode), input, actorOf(req)));
  });
  describeRoute(router, "DELETE", `${LIST}/entries/:entryId`, { tag: "watchlists", summary: "Remove an entry", responses: { 200: "the removed entry" } });
  router.delete(`${LIST}/entries/:entryId`, analysts, async (req, res) => {
    res.json(await removeEntry(services, unitOf(req), String(req.params.listCode), String(req.params.entryId), actorOf(req)));
  });
  return router;
}
