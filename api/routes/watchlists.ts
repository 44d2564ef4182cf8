// The analyst API for watchlists: the lists profiles read with `inList`.
import { Router } from "express";
import type { Services } from "../../core/services.js";
import { AppError } from "../../core/errors.js";
import { bulkAddEntries } from "../../core/watchlists/bulk-add-entries.js";
import { createWatchlist, deleteWatchlist, listWatchlists, renameWatchlist } from "../../core/watchlists/manage-watchlists.js";
import { listEntries } from "../../core/watchlists/list-entries.js";
import { addEntries, removeEntry, updateEntry } from "../../core/watchlists/watchlist-entries.js";
import {
  addEntriesSchema,
  bulkAddQuery,
  createWatchlistSchema,
  listEntriesQuery,
  MAX_BULK_LINES,
  updateEntrySchema,
  updateWatchlistSchema,
} from "../../core/watchlists/watchlist-schemas.js";
import { guard } from "../middleware/guard.js";
import { textBody } from "../middleware/request-body.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

const LIST = "/v1/units/:unitCode/watchlists/:listCode";
/** A pasted block: 5,000 values of up to 500 characters, with room for line ends. */
const PASTE_LIMIT = "3mb";

export function watchlistRoutes(services: Services): Router {
  const router = Router();
  const analysts = guard(services, { kind: "unit", roles: ["analyst"] });
  // Read only once the caller is authorised (the app's JSON parser leaves text/plain alone).
  const pastedText = textBody(PASTE_LIMIT);

  describeRoute(router, "GET", "/v1/units/:unitCode/watchlists", { tag: "watchlists", summary: "The unit's watchlists, with the profile versions that use each (usedBy) and whether the system feeds it (system)", responses: { 200: "watchlists" } });
  router.get("/v1/units/:unitCode/watchlists", analysts, async (req, res) => {
    res.json(await listWatchlists(services, unitOf(req)));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/watchlists", { tag: "watchlists", summary: "Create a watchlist", body: createWatchlistSchema, responses: { 201: "the watchlist" } });
  router.post("/v1/units/:unitCode/watchlists", analysts, async (req, res) => {
    const created = await createWatchlist(services, unitOf(req), parseOrThrow(createWatchlistSchema, req.body), actorOf(req));
    res.status(201).location(`/v1/units/${unitOf(req).code}/watchlists/${created.code}/entries`).json(created);
  });
  describeRoute(router, "PATCH", LIST, {
    tag: "watchlists",
    summary: "Rename a watchlist",
    description: "Only the name changes: profiles name a list by its code in inList, so a code other than the list's own is refused (400).",
    body: updateWatchlistSchema,
    responses: { 200: "the watchlist" },
  });
  router.patch(LIST, analysts, async (req, res) => {
    const input = parseOrThrow(updateWatchlistSchema, req.body);
    res.json(await renameWatchlist(services, unitOf(req), String(req.params.listCode), input, actorOf(req)));
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
  describeRoute(router, "POST", `${LIST}/entries/bulk`, {
    tag: "watchlists",
    summary: "Add a pasted block of values, one a line (all or nothing)",
    description: `At most ${MAX_BULK_LINES} values; blank lines are skipped, repeated values added once, listed values renewed. When any line cannot go on the list nothing is added and the 400 names each line (errors[].line, value, message).`,
    query: bulkAddQuery,
    body: { contentType: "text/plain", description: "the values, one a line (UTF-8)" },
    responses: { 201: "how many values were added, renewed and repeated" },
  });
  router.post(`${LIST}/entries/bulk`, analysts, pastedText, async (req, res) => {
    const query = parseOrThrow(bulkAddQuery, req.query, "query");
    if (typeof req.body !== "string") {
      throw new AppError("validation_failed", "send the values as text/plain, one a line", { errors: [{ path: "body", message: "expected a text/plain body" }] });
    }
    res.status(201).json(await bulkAddEntries(services, unitOf(req), String(req.params.listCode), req.body, query, actorOf(req)));
  });
  describeRoute(router, "PATCH", `${LIST}/entries/:entryId`, {
    tag: "watchlists",
    summary: "Change an entry's reason (provenance) or end date (expiresAt)",
    description: "null clears a field; a field left out stays. An entry a seizure added keeps the seizure as its reason.",
    body: updateEntrySchema,
    responses: { 200: "the entry" },
  });
  router.patch(`${LIST}/entries/:entryId`, analysts, async (req, res) => {
    const input = parseOrThrow(updateEntrySchema, req.body);
    res.json(await updateEntry(services, unitOf(req), String(req.params.listCode), String(req.params.entryId), input, actorOf(req)));
  });
  describeRoute(router, "DELETE", `${LIST}/entries/:entryId`, { tag: "watchlists", summary: "Remove an entry", responses: { 200: "the removed entry" } });
  router.delete(`${LIST}/entries/:entryId`, analysts, async (req, res) => {
    res.json(await removeEntry(services, unitOf(req), String(req.params.listCode), String(req.params.entryId), actorOf(req)));
  });
  // Last of the router: the access-control matrix walks routes in this order
  // with real sample records, and this one deletes its sample list.
  describeRoute(router, "DELETE", LIST, {
    tag: "watchlists",
    summary: "Delete a watchlist and its entries",
    description: "Refused (409, usedBy) while a draft or active profile version names the list in inList, and for lists the system feeds (SEIZURE-PARTIES).",
    responses: { 200: "the deleted list and how many entries went with it" },
  });
  router.delete(LIST, analysts, async (req, res) => {
    res.json(await deleteWatchlist(services, unitOf(req), String(req.params.listCode), actorOf(req)));
  });
  return router;
}
