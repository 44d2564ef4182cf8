// What a record's scoring context as on its day is made of, read from the
// database: one reader for back-tests (prepared-history.ts, labelled-history.ts,
// backtest-runners.ts) and for the demo year's stored assessments
// (core/demo/score-demo-year.ts), which runContext and recordContext
// (core/analysis/backtest-scoring.ts) then turn into each record's context.
//
// Two parts, because back-tests keep them apart: the party history (first
// sightings and the dated seizure graph) changes only with inspections and
// seizures, so it is kept with the prepared history and read in its snapshot;
// the unit's code, watchlist entries and value-median groups change without
// them (list edits, new manifests), so a run reads those afresh. The demo year
// reads both in its loader's transaction, where its own shipments are.
import type { Pool, PoolClient } from "../db/pool.js";
import type { RunInputs } from "../analysis/backtest-scoring.js";
import { loadSeizureGraph, type SeizureGraph } from "../scoring/seizure-links.js";
import { readMedianGroups, type MedianGroupRow } from "./medians-as-of.js";
import { seizureLinksAsOf, type LinkedAsOf } from "./seizure-links-as-of.js";
import { readWatchlistEntries } from "./watchlists-as-of.js";

/** The unit's party history, answered as of any day. */
export interface PartyHistory {
  partyFirstSeen: (key: string) => Date | undefined;
  linkedAsOf: LinkedAsOf;
  /** What partyFirstSeen and linkedAsOf answer from, as plain data: back-test threads (core/analysis/backtest-pool.ts) are handed these. */
  firstSeen: ReadonlyMap<string, Date>;
  graph: SeizureGraph;
  /** Whether linkedAsOf answers degree 2 (shared shipments were read). */
  degree2: boolean;
}

/**
 * The unit's first sightings and its dated seizure graph (degree 1 reads no
 * shared shipments), on the caller's client: in its transaction and snapshot.
 */
export async function readPartyHistory(client: PoolClient, unitId: string, linkDegree: 1 | 2): Promise<PartyHistory> {
  // All the unit's first sightings at once: a key's first sighting is the same whichever record asks.
  const sightings = await client.query<{ identity_key: string; first_seen_at: Date }>(
    "SELECT p.identity_key, s.first_seen_at FROM party_sighting s JOIN party p ON p.id = s.party_id WHERE s.unit_id = $1",
    [unitId],
  );
  const firstSeen = new Map(sightings.rows.map((r) => [r.identity_key, r.first_seen_at]));
  const graph = await loadSeizureGraph(client, unitId, { shared: linkDegree === 2 });
  return { partyFirstSeen: (k) => firstSeen.get(k), linkedAsOf: seizureLinksAsOf(graph), firstSeen, graph, degree2: graph.degree2 };
}

/**
 * The unit's code, dated watchlist entries and value-median groups as plain
 * rows (never today's lists or medians: those would leak later entries and
 * change with the clock). One query after another: a PoolClient runs one at a
 * time. `medianGroups` reads the groups: back-tests give keptMedianGroups.
 */
export async function readRunInputs<Db extends Pool | PoolClient>(
  db: Db,
  unitId: string,
  medianGroups: (db: Db, unitId: string) => Promise<readonly MedianGroupRow[]> = readMedianGroups,
): Promise<RunInputs> {
  const medianRows = await medianGroups(db, unitId);
  const watchlistRows = await readWatchlistEntries(db, unitId);
  const unit = await db.query<{ code: string }>("SELECT code FROM control_unit WHERE id = $1", [unitId]);
  return { unitCode: unit.rows[0]?.code, watchlistRows, medianRows };
}
