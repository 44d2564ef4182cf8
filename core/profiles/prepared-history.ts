// A unit's labelled history for back-tests, read once per history snapshot
// and kept in memory: every dated shipment with an inspection by the unit,
// already turned into scorer inputs, in (day, id) order, with what does not
// change until the history does (the party first sightings and the dated
// seizure graph). A back-test or comparison then scores from memory instead
// of paging through the database: before, each page of 1,000 records re-ran
// the shipment read and a context load, ~17 of a 27 s run over 50,000 records.
//
// The snapshot is named by a cheap query (inspections, seizures and finished
// history imports of the unit: their counts and latest times), asked at the
// start of every run, so a run after an import or a recorded inspection or
// seizure never reads a stale copy, whichever process recorded it. Watchlists
// and value medians change without an inspection (list edits, new manifests):
// the runner reads those per run (watchlists-as-of.ts, medians-as-of.ts).
import { KeptKeys, KeptKeyStore } from "../../profiling/kept-keys.js";
import { PreparedShipment, TextPool } from "../../profiling/prepared-shipment.js";
import type { ShipmentInput } from "../../profiling/shipment.js";
import type { Pool, PoolClient } from "../db/pool.js";
import { SHIPMENT_INPUT_COLUMNS, toShipmentInput, type ShipmentRow } from "../scoring/shipment-input.js";
import { readPartyHistory, type PartyHistory } from "./dated-context.js";

export interface PreparedRecord {
  shipment: ShipmentInput;
  /** YYYY-MM-DD: the arrival date. */
  day: string;
  /** Epoch ms of the day's start (UTC). */
  dayStart: number;
  hit: boolean;
  /** The record's own reference (source:external_ref), else its row id: what the random draw hashes. */
  drawKey: string;
  /** Normalised table-key texts, filled by the first run that reads them and kept for the next (ShipmentFacts.keyParts). */
  keyParts: KeptKeys;
  /** Shipment-only facts and text numbers, kept between runs the same way (ShipmentFacts.prep, prepared-shipment.ts). */
  prepared: PreparedShipment;
}

/** The records with the party history (dated-context.ts) of the same snapshot. */
export interface PreparedHistory extends PartyHistory {
  /** The snapshot these records are of. */
  key: string;
  records: readonly PreparedRecord[];
  /** The days of stored rows too malformed to score, ascending: counted as skipped, never scored. */
  malformedDays: readonly string[];
}

// Counts and latest times of what labels the history. An index-only count on
// (unit_id, inspected_at), the 0011 partial index for seizures, and the unit's
// few imports: a few ms on a unit of 50,000 inspections.
const SNAPSHOT_SQL = `SELECT concat_ws('|',
    (SELECT count(*) || '@' || COALESCE(max(inspected_at)::text, '') FROM inspection WHERE unit_id = $1),
    (SELECT count(*) || '@' || COALESCE(max(seized_at)::text, '') FROM seizure WHERE unit_id = $1),
    (SELECT count(*) || '@' || COALESCE(max(finished_at)::text, '') FROM history_import WHERE unit_id = $1 AND finished_at IS NOT NULL)) AS key`;

// The labelled shipments with their scorer columns in one read: no page-by-page `= ANY`.
const RECORDS_SQL = `
  SELECT ${SHIPMENT_INPUT_COLUMNS}, l.hit, s.source::text || ':' || s.external_ref AS draw_ref
    FROM (SELECT i.shipment_id AS id, bool_or(i.outcome IN ('seizure', 'irregularity')) AS hit
            FROM inspection i WHERE i.unit_id = $1 GROUP BY i.shipment_id) l
    JOIN shipment s ON s.id = l.id AND s.unit_id = $1
    LEFT JOIN manifest m ON m.id = s.manifest_id
   WHERE s.arrival_date IS NOT NULL
   ORDER BY s.arrival_date, s.id`;

const FETCH_ROWS = 10_000;
const DAY_MS = 86_400_000;
/** Units whose prepared history is kept; the least recently used goes first. */
const MAX_UNITS = 3;

/** A record as read, before preparation: plain data, what a back-test thread is handed. */
export type PlainRecord = Pick<PreparedRecord, "shipment" | "day" | "hit" | "drawKey">;

/** A record prepared for scoring, its kept keys and text numbers in the history's one store and pool. */
export function preparedRecord(plain: PlainRecord, keys: KeptKeyStore, texts: TextPool): PreparedRecord {
  const { shipment, day, hit, drawKey } = plain;
  return { shipment, day, dayStart: Date.parse(`${day}T00:00:00Z`), hit, drawKey, keyParts: new KeptKeys(keys), prepared: new PreparedShipment(shipment, texts) };
}

async function snapshotKey(db: Pool | PoolClient, unitId: string): Promise<string> {
  return (await db.query<{ key: string }>(SNAPSHOT_SQL, [unitId])).rows[0]!.key;
}

/** Reads the unit's history in one REPEATABLE READ snapshot, so the key names exactly what was read. */
async function readHistory(pool: Pool, unitId: string, linkDegree: 1 | 2): Promise<PreparedHistory> {
  const client = await pool.connect();
  let done = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const key = await snapshotKey(client, unitId);
    const records: PreparedRecord[] = [];
    const malformedDays: string[] = [];
    // One numbering of kept key texts for the whole history.
    const keys = new KeptKeyStore();
    // One pool of text numbers for the whole history too.
    const texts = new TextPool();
    await client.query(`DECLARE prepared NO SCROLL CURSOR FOR ${RECORDS_SQL}`, [unitId]);
    for (;;) {
      const page = await client.query<ShipmentRow & { hit: boolean; draw_ref: string | null }>(`FETCH ${FETCH_ROWS} FROM prepared`);
      for (const row of page.rows) {
        const day = row.arrival_date!;
        let shipment: ShipmentInput;
        try {
          shipment = toShipmentInput(row);
        } catch {
          malformedDays.push(day);
          continue;
        }
        records.push(preparedRecord({ shipment, day, hit: row.hit, drawKey: row.draw_ref ?? row.id }, keys, texts));
      }
      if (page.rows.length < FETCH_ROWS) break;
    }
    await client.query("CLOSE prepared");
    const parties = await readPartyHistory(client, unitId, linkDegree);
    await client.query("COMMIT");
    done = true;
    return { key, records, malformedDays, ...parties };
  } finally {
    if (!done) await client.query("ROLLBACK").catch(() => undefined);
    client.release();
  }
}

const cache = new Map<string, Promise<PreparedHistory>>();

/**
 * The unit's prepared history as it stands now: the cached copy when its
 * snapshot is current (and it answers the degree asked), else read afresh.
 * Concurrent runs of one unit share one read.
 */
export async function preparedHistory(pool: Pool, unitId: string, linkDegree: 1 | 2): Promise<PreparedHistory> {
  const current = await snapshotKey(pool, unitId);
  const cached = cache.get(unitId);
  if (cached) {
    const found = await cached.catch(() => undefined);
    if (found && found.key === current && (linkDegree === 1 || found.degree2)) {
      // Most recently used last.
      cache.delete(unitId);
      cache.set(unitId, cached);
      return found;
    }
    if (cache.get(unitId) === cached) cache.delete(unitId);
  }
  const reading = readHistory(pool, unitId, linkDegree);
  cache.set(unitId, reading);
  reading.catch(() => {
    if (cache.get(unitId) === reading) cache.delete(unitId);
  });
  while (cache.size > MAX_UNITS) cache.delete(cache.keys().next().value!);
  return reading;
}

/** The first index whose day is >= `day` (records in day order). */
function firstAtOrAfter(days: readonly { day: string }[] | readonly string[], day: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = days[mid]!;
    if ((typeof at === "string" ? at : at.day) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The records and malformed count within inclusive YYYY-MM-DD bounds (null: open). */
export function inRange(history: PreparedHistory, from: string | null, to: string | null): { records: readonly PreparedRecord[]; skipped: number } {
  const { start, end, skipped } = rangeIndexes(history, from, to);
  return { records: history.records.slice(start, end), skipped };
}

/** The same as indexes into history.records ([start, end)): back-test threads keep shares of the whole history by index. */
export function rangeIndexes(history: PreparedHistory, from: string | null, to: string | null): { start: number; end: number; skipped: number } {
  // "To" is inclusive: everything before the day after it.
  const end = (list: readonly { day: string }[] | readonly string[]) => (to === null ? list.length : firstAtOrAfter(list, nextDay(to)));
  const start = (list: readonly { day: string }[] | readonly string[]) => (from === null ? 0 : firstAtOrAfter(list, from));
  const first = start(history.records);
  const skipped = Math.max(0, end(history.malformedDays) - start(history.malformedDays));
  return { start: first, end: Math.max(first, end(history.records)), skipped };
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
