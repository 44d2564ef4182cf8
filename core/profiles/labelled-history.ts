// A unit's labelled history, the one reader shared by back-tests and profile
// builds: the unit's shipments with at least one inspection by the unit,
// labelled a hit when any inspection found a seizure or an irregularity
// (critical: a seizure), dated by arrival (builds: else by first inspection),
// in (day, id) order.
//
// Two views:
//   labelledHistory  back-tests: scorer inputs plus a scoring context as on
//                    each record's day (seizures recorded before it only),
//                    from the unit's prepared history (prepared-history.ts),
//                    read once per history snapshot and kept in memory;
//   historyRecords   builds: the builder's plain HistoryRecords, the same
//                    shape the CLI makes from a CSV file, streamed through a
//                    server-side cursor in one read-only transaction, a page
//                    at a time: one consistent snapshot.
import type { HistoryRecord, SelectedBy, UnlabelledShipment } from "../../profiling/builder/build-profile.js";
import type { KeptKeys } from "../../profiling/kept-keys.js";
import type { PreparedShipment } from "../../profiling/prepared-shipment.js";
import type { ScoringContext, ShipmentInput } from "../../profiling/shipment.js";
import type { Pool } from "../db/pool.js";
import { selectedByOf } from "../history/history-row.js";
import { recordContext, runContext } from "../analysis/backtest-scoring.js";
import { readRunInputs } from "./dated-context.js";
import { inRange, preparedHistory, type PreparedRecord } from "./prepared-history.js";
import { loadShipmentInputs, toShipmentInput } from "../scoring/shipment-input.js";

export interface HistorySelection {
  /** Inclusive YYYY-MM-DD bounds on the record's day; null leaves that side open. */
  from: string | null;
  to: string | null;
  /**
   * Shipments with no arrival date: left out ("skip", the default: back-tests),
   * or dated by the day (UTC) of their first inspection ("first-inspection": builds).
   */
  undated?: "skip" | "first-inspection";
  /**
   * Which of the unit's records: "all" (default), "manifests" (what the unit
   * received live and the inspections its officers recorded) or "imports"
   * (imported history files).
   */
  sources?: HistorySources;
}

export type HistorySources = "all" | "manifests" | "imports";

const SOURCE_FILTER: Record<HistorySources, string> = {
  all: "",
  manifests: "AND s.source = 'manifest'",
  imports: "AND s.source = 'history'",
};


/** One labelled shipment, whatever the caller makes of it. */
export interface LabelledShipment {
  shipment: ShipmentInput;
  /** YYYY-MM-DD: arrival date, else (first-inspection) the day of the first inspection. */
  day: string;
  hit: boolean;
  critical: boolean;
  /** When the first seizure on it was recorded (ISO date-time): its parties are linked from the day after. */
  seizedAt: string | undefined;
  /** Why the box was opened (the first inspection's selection). */
  selectedBy: SelectedBy;
  /** The commodity an inspection of the shipment found: imported with it, or from the seizure an officer recorded. */
  commodity: string | undefined;
  partyIds: string[];
  /** What the back-test's random draw hashes for it (prepared-history.ts): source and external reference, else the id. */
  drawKey: string;
}

export interface LabelledPage {
  records: LabelledShipment[];
  /** Stored rows too malformed to score (hand-edited data), left out. */
  skipped: number;
}

export interface PageOptions {
  batchSize?: number;
  /** A malformed stored row: counted in `skipped` ("skip", default) or fails the read ("fail"). */
  malformed?: "skip" | "fail";
}

// A shipment's day: with "skip" only the grouped arrival date, so date bounds
// reach the (unit_id, arrival_date) index; the fallback to the first
// inspection is an aggregate, filtered after grouping.
const DAY = {
  skip: "s.arrival_date",
  "first-inspection": "COALESCE(s.arrival_date, min((i.inspected_at AT TIME ZONE 'UTC')::date))",
} as const;

/** The selection as SQL over $1 unit, $2 from, $3 to: one row per labelled shipment (id, day, hit, critical, seized_at, selection, commodity). */
function labelledSql(selection: HistorySelection): string {
  return `SELECT id, day, hit, critical, seized_at, selection, commodity, draw_ref FROM (
      SELECT s.id, s.source::text || ':' || s.external_ref AS draw_ref, ${DAY[selection.undated ?? "skip"]} AS day,
             bool_or(i.outcome IN ('seizure', 'irregularity')) AS hit, bool_or(i.outcome = 'seizure') AS critical,
             min(i.inspected_at) FILTER (WHERE i.outcome = 'seizure') AS seized_at,
             (array_agg(i.selection ORDER BY i.inspected_at, i.id))[1] AS selection,
             (array_agg(COALESCE(i.commodity, (SELECT z.commodity::text FROM seizure z WHERE z.inspection_id = i.id ORDER BY z.seized_at LIMIT 1))
                        ORDER BY i.inspected_at, i.id)
                FILTER (WHERE i.commodity IS NOT NULL OR i.outcome = 'seizure'))[1] AS commodity
        FROM shipment s JOIN inspection i ON i.shipment_id = s.id AND i.unit_id = s.unit_id
       WHERE s.unit_id = $1 ${SOURCE_FILTER[selection.sources ?? "all"]}
       GROUP BY s.id, s.arrival_date) labelled
    WHERE day IS NOT NULL AND ($2::date IS NULL OR day >= $2::date) AND ($3::date IS NULL OR day <= $3::date)`;
}

const params = (unitId: string, selection: HistorySelection) => [unitId, selection.from, selection.to];

/** How many labelled shipments the selection holds (for progress), counted as the pages count them. */
export async function countLabelled(pool: Pool, unitId: string, selection: HistorySelection): Promise<number> {
  const found = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${labelledSql(selection)}) selected`, params(unitId, selection));
  return found.rows[0]!.n;
}

interface LabelRow {
  id: string;
  day: string;
  hit: boolean;
  critical: boolean;
  seized_at: Date | null;
  selection: string | null;
  commodity: string | null;
  draw_ref: string | null;
}

/** The labelled shipments of the selection in (day, id) order, a page of at most `batchSize` at a time. */
export async function* labelledShipments(pool: Pool, unitId: string, selection: HistorySelection, options: PageOptions = {}): AsyncGenerator<LabelledPage> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1_000));
  const client = await pool.connect();
  let committed = false;
  try {
    await client.query("BEGIN READ ONLY");
    await client.query(`DECLARE labelled NO SCROLL CURSOR FOR ${labelledSql(selection)} ORDER BY day, id`, params(unitId, selection));
    for (;;) {
      const page = await client.query<LabelRow>(`FETCH ${batchSize} FROM labelled`);
      if (page.rows.length === 0) break;
      const loaded = new Map((await loadShipmentInputs(client, page.rows.map((r) => r.id))).map((s) => [s.id, s]));
      const records: LabelledShipment[] = [];
      let skipped = 0;
      for (const label of page.rows) {
        const found = loaded.get(label.id);
        if (!found) continue;
        let shipment: ShipmentInput;
        try {
          shipment = toShipmentInput(found.row);
        } catch (error) {
          if (options.malformed === "fail") throw error;
          skipped += 1;
          continue;
        }
        records.push({
          shipment,
          day: label.day,
          hit: label.hit,
          critical: label.critical,
          seizedAt: label.seized_at?.toISOString(),
          selectedBy: selectedByOf(label.selection),
          commodity: label.commodity ?? undefined,
          partyIds: found.partyIds,
          drawKey: label.draw_ref ?? label.id,
        });
      }
      yield { records, skipped };
      if (page.rows.length < batchSize) break;
    }
    await client.query("COMMIT");
    committed = true;
  } finally {
    // Also when the consumer stops early or a page fails: never hand a client back mid-transaction.
    if (!committed) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}

// ---- Back-tests ----

export interface LabelledRecord {
  shipment: ShipmentInput;
  /** The record's day (its arrival date with the default selection). */
  arrivalDate: string;
  hit: boolean;
  /**
   * What the back-test's random draw hashes instead of the row id: the
   * record's own reference (source and external_ref, unique in the unit), so
   * the same history imported again draws the same; the row id where it has none.
   */
  drawKey: string;
  /** The record's normalised table-key parts, kept between runs: give them to ShipmentFacts.keyParts. */
  keyParts?: KeptKeys;
  /** The record's shipment-only facts, kept between runs: give them to ShipmentFacts.prep. */
  prepared?: PreparedShipment;
}

export interface LabelledBatch {
  records: LabelledRecord[];
  /** The scoring context as on the record's day: see labelledHistory. */
  contextFor: (record: LabelledRecord) => ScoringContext;
  /** Stored rows too malformed to score (hand-edited data): counted, not fatal. */
  skipped: number;
  /** Records and skipped rows in the whole selection, for progress. */
  total: number;
}

/**
 * The labelled history for back-tests, with each record's scoring context as
 * on the day it arrived: `now` is the end of that day (partyNew counts from
 * the record's own date), and a party counts as linked to a seizure only as
 * of that day (seizure-links-as-of.ts: never through its own seizure, never
 * through a later seizure or shared shipment), and a watchlist entry counts
 * only from when it was added until it expires (watchlists-as-of.ts). Value
 * medians are those of the shipments dated up to that day (medians-as-of.ts).
 * The records come from the unit's prepared history (prepared-history.ts:
 * read once per history snapshot); watchlists and medians are read per call.
 * Undated shipments are left out, as the "skip" selection does.
 */
export async function* labelledHistory(
  pool: Pool,
  unitId: string,
  selection: Pick<HistorySelection, "from" | "to">,
  _now: Date,
  batchSize = 1_000,
  /** The highest partySeizureLinked degree the run's profiles ask (seizureLinkDegree): 1 reads no shared shipments. */
  linkDegree: 1 | 2 = 2,
): AsyncGenerator<LabelledBatch> {
  // Two independent reads at once: the medians' aggregate runs in the database while this process prepares or checks the history.
  const [history, inputs] = await Promise.all([preparedHistory(pool, unitId, linkDegree), readRunInputs(pool, unitId)]);
  // The same dated look-ups back-test runs score with (core/analysis/backtest-scoring.ts).
  const run = runContext(inputs, history);
  const { records, skipped } = inRange(history, selection.from, selection.to);
  const byRecord = new WeakMap<LabelledRecord, PreparedRecord>();
  const contextFor = (record: LabelledRecord): ScoringContext =>
    recordContext(run, { shipmentId: record.shipment.id, dayStart: byRecord.get(record)?.dayStart ?? Date.parse(`${record.arrivalDate}T00:00:00Z`) });
  const size = Math.max(1, Math.floor(batchSize));
  const total = records.length + skipped;
  if (records.length === 0 && skipped > 0) yield { records: [], contextFor, skipped, total };
  for (let k = 0; k < records.length; k += size) {
    const batch = records.slice(k, k + size).map((prepared): LabelledRecord => {
      const record = { shipment: prepared.shipment, arrivalDate: prepared.day, hit: prepared.hit, drawKey: prepared.drawKey, keyParts: prepared.keyParts, prepared: prepared.prepared };
      byRecord.set(record, prepared);
      return record;
    });
    // The malformed rows of the range count once, with the first batch.
    yield { records: batch, contextFor, skipped: k === 0 ? skipped : 0, total };
  }
}

// ---- Builds ----

/**
 * The labelled history for profile builds as the builder's HistoryRecords.
 * A malformed stored row fails the build rather than silently thinning it.
 */
export async function* historyRecords(pool: Pool, unitId: string, selection: HistorySelection, batchSize = 5_000): AsyncGenerator<HistoryRecord[]> {
  for await (const page of labelledShipments(pool, unitId, selection, { batchSize, malformed: "fail" })) {
    yield page.records.map(({ shipment, day, hit, critical, seizedAt, selectedBy, commodity, drawKey }) => ({ shipment, label: { hit, critical, commodity }, date: day, inspectedAt: seizedAt, selectedBy, drawKey }));
  }
}

/** At most this many uninspected shipments feed a build's context: more says little more about parties and medians. */
export const MAX_CONTEXT_SHIPMENTS = 500_000;

/**
 * The unit's shipments in the selection that no inspection of the unit
 * opened: for a build they are context (first sightings, links, value
 * medians, the population the thresholds select from), never labels.
 * The most recent MAX_CONTEXT_SHIPMENTS, oldest first.
 */
export async function uninspectedShipments(pool: Pool, unitId: string, selection: HistorySelection, batchSize = 5_000): Promise<UnlabelledShipment[]> {
  const found = await pool.query<{ id: string; day: string }>(
    `SELECT id, day FROM (
       SELECT s.id, s.arrival_date AS day FROM shipment s
        WHERE s.unit_id = $1 ${SOURCE_FILTER[selection.sources ?? "all"]} AND s.arrival_date IS NOT NULL
          AND ($2::date IS NULL OR s.arrival_date >= $2::date) AND ($3::date IS NULL OR s.arrival_date <= $3::date)
          AND NOT EXISTS (SELECT 1 FROM inspection i WHERE i.shipment_id = s.id AND i.unit_id = s.unit_id)
        ORDER BY s.arrival_date DESC, s.id DESC LIMIT $4) recent
     ORDER BY day, id`,
    [unitId, selection.from, selection.to, MAX_CONTEXT_SHIPMENTS],
  );
  const out: UnlabelledShipment[] = [];
  const client = await pool.connect();
  try {
    for (let k = 0; k < found.rows.length; k += batchSize) {
      const page = found.rows.slice(k, k + batchSize);
      const loaded = new Map((await loadShipmentInputs(client, page.map((r) => r.id))).map((s) => [s.id, s]));
      for (const { id, day } of page) {
        const row = loaded.get(id);
        if (row) out.push({ shipment: toShipmentInput(row.row), date: day });
      }
    }
  } finally {
    client.release();
  }
  return out;
}
