// Scores a demo unit's past year as live scoring would have on each
// shipment's day, instead of inventing its assessments: the unit's active
// profile versions (loadActiveVersions) through the product's scorer
// (profiling/combine.ts) and writer (core/scoring/write-assessments.ts), so
// each assessment keeps its evidence, band, selection and random pick (the
// live draw, on the shipment and version ids) as an ingest stores them, dated
// when its voyage was received. The context is the one a back-test gives a
// record of that day, read by the same readers (core/profiles/dated-context.ts:
// first sightings, seizure links, watchlist entries and value medians) and
// made the record's own by the same recordContext
// (core/analysis/backtest-scoring.ts), so the profile list's figures and a
// back-test over the same records are made of the same scores. Runs in the
// loader's transaction, once the year's shipments, sightings and seizures are
// in: on its client, not from the prepared history, which reads committed rows
// through the pool, and only inspected shipments, where every past shipment is
// scored here.
import { scoreWithProfiles } from "../../profiling/combine.js";
import { recordContext, runContext } from "../analysis/backtest-scoring.js";
import type { PoolClient } from "../db/pool.js";
import { readPartyHistory, readRunInputs } from "../profiles/dated-context.js";
import { seizureLinkDegree } from "../profiles/seizure-links-as-of.js";
import { loadActiveVersions } from "../scoring/active-profiles.js";
import { loadShipmentInputs, toShipmentInput } from "../scoring/shipment-input.js";
import { writeAssessments, type ShipmentOutcome } from "../scoring/write-assessments.js";

/** A past voyage to score: its shipments, assessed when it was received. */
export interface DemoVoyage {
  receivedAt: Date;
  shipmentIds: readonly string[];
}

/** Writes the assessments of the voyages' shipments; returns how many were written and how many selected. */
export async function scoreDemoYear(client: PoolClient, unit: { id: string }, voyages: readonly DemoVoyage[]): Promise<{ assessed: number; selected: number }> {
  const versions = await loadActiveVersions(client, unit.id);
  // One client: one query at a time. Shipments shared with a seizure's only when a profile asks degree 2 (as back-tests read).
  const linkDegree = versions.some((v) => seizureLinkDegree(v.compiled.profile) === 2) ? 2 : 1;
  const run = runContext(await readRunInputs(client, unit.id), await readPartyHistory(client, unit.id, linkDegree));
  const ids = voyages.flatMap((v) => v.shipmentIds);
  const loaded = new Map((await loadShipmentInputs(client, ids)).map((s) => [s.id, s.row]));
  let assessed = 0;
  let selected = 0;
  const outcomes: ShipmentOutcome[] = [];
  for (const voyage of voyages) {
    for (const id of voyage.shipmentIds) {
      const row = loaded.get(id);
      if (!row) throw new Error(`demo shipment ${id} was not written`);
      // The loader's own rows: a malformed one is a bug, not a shipment to retry.
      const shipment = toShipmentInput(row);
      const ctx = recordContext(run, { shipmentId: id, dayStart: Date.parse(`${row.arrival_date}T00:00:00Z`) });
      const combined = scoreWithProfiles(versions, shipment, ctx);
      for (const { result } of combined.results) {
        if (!result.applicable) continue;
        assessed += 1;
        if (result.selected) selected += 1;
      }
      outcomes.push({ shipmentId: id, combined });
    }
  }
  // Past shipments have no scoring state: only their assessments are written, in one statement, then dated
  // when their voyage was received (a write per voyage, 52 a unit, took some 0.5 s a unit at load 9).
  await writeAssessments(client, unit.id, outcomes, new Date(), 1);
  await client.query(
    `UPDATE assessment a SET scored_at = t.at FROM unnest($1::uuid[], $2::timestamptz[]) AS t(id, at)
      WHERE a.shipment_id = t.id AND a.shipment_id = ANY($1::uuid[]) AND a.unit_id = $3`,
    [ids, voyages.flatMap((v) => v.shipmentIds.map(() => v.receivedAt)), unit.id],
  );
  return { assessed, selected };
}
