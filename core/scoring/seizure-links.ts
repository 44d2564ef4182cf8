// Which parties a unit's past seizures link to, for `partySeizureLinked`.
// Degree 1: a party of a shipment the unit found a seizure on. Degree 2: also
// a party on any shipment of the unit (manifest or history) that carries a
// degree-1 party. Loaded by two set-based queries per unit, never per scoring
// batch: the seized shipments (0011's partial index), then the shipments
// sharing one of their parties (one scan of the unit's shipments). Live
// scoring keeps the two key sets per unit for a minute; back-tests load the
// dated graph once per run and ask it "as of a record's day".
import type { Pool, PoolClient } from "../db/pool.js";

/** A seized shipment: its first seizure inspection and its party ids. */
export interface SeizedShipment {
  shipmentId: string;
  seizedAt: number;
  partyIds: string[];
}

/**
 * The shipments of the unit carrying at least one party of a seized shipment,
 * column-wise (a hub party can put most of a unit's shipments here): row i is
 * shipmentIds[i], dated days[i] (epoch ms of its arrival date, else of the day
 * it was stored), with its party ids parties[5i .. 5i+4] (null where empty).
 */
export interface SharedShipments {
  shipmentIds: string[];
  days: Float64Array;
  parties: (string | null)[];
}

export interface SeizureGraph {
  seized: SeizedShipment[];
  shared: SharedShipments;
  /** Identity key → party id, for every party in the graph. */
  partyIdOf: ReadonlyMap<string, string>;
  /** False when loaded for degree 1 only (`shared: false`): degree 2 cannot be answered. */
  degree2: boolean;
}

const PARTY_COLUMNS = "ARRAY[s.shipper_id, s.consignee_id, s.notify_id, s.forwarder_id, s.declarant_id]";
// One = ANY per column, each array hashed: a single pass over the unit's shipments. Per-column indexes
// would make small link sets faster to find but every manifest's COPY slower (see migration 0011).
const SHARES_A_PARTY = `s.unit_id = $1
   AND (s.shipper_id = ANY($2::uuid[]) OR s.consignee_id = ANY($2::uuid[]) OR s.notify_id = ANY($2::uuid[])
        OR s.forwarder_id = ANY($2::uuid[]) OR s.declarant_id = ANY($2::uuid[]))`;

interface SeizedRow {
  id: string;
  seizedAt: Date;
  partyIds: string[];
}

/** The unit's seized shipments (first seizure inspection) with their party ids: by index, never a join per party. */
async function seizedShipments(db: Pool | PoolClient, unitId: string): Promise<SeizedRow[]> {
  const seizures = await db.query<{ shipment_id: string; seized_at: Date }>(
    "SELECT shipment_id, min(inspected_at) AS seized_at FROM inspection WHERE unit_id = $1 AND outcome = 'seizure' GROUP BY shipment_id",
    [unitId],
  );
  if (seizures.rows.length === 0) return [];
  const parties = await db.query<{ id: string; party_ids: string[] }>(
    `SELECT s.id, array_remove(${PARTY_COLUMNS}, NULL) AS party_ids FROM shipment s WHERE s.id = ANY($1::uuid[])`,
    [seizures.rows.map((r) => r.shipment_id)],
  );
  const partyIds = new Map(parties.rows.map((r) => [r.id, r.party_ids]));
  return seizures.rows.map((r) => ({ id: r.shipment_id, seizedAt: r.seized_at, partyIds: partyIds.get(r.shipment_id) ?? [] }));
}

async function identityKeys(db: Pool | PoolClient, partyIds: readonly string[]): Promise<Map<string, string>> {
  const found = await db.query<{ id: string; identity_key: string }>("SELECT id, identity_key FROM party WHERE id = ANY($1::uuid[])", [partyIds]);
  return new Map(found.rows.map((r) => [r.id, r.identity_key]));
}

const distinctIds = (rows: { partyIds: string[] }[]) => [...new Set(rows.flatMap((r) => r.partyIds))];

const NO_SHARED: SharedShipments = { shipmentIds: [], days: new Float64Array(0), parties: [] };

/**
 * The unit's seized shipments and the shipments that share a party with them,
 * dated (back-tests). `shared: false` leaves the second part out, for runs
 * whose profiles ask degree 1 only.
 */
export async function loadSeizureGraph(db: Pool | PoolClient, unitId: string, options: { shared?: boolean } = {}): Promise<SeizureGraph> {
  const seizedRows = await seizedShipments(db, unitId);
  if (seizedRows.length === 0) return { seized: [], shared: NO_SHARED, partyIdOf: new Map(), degree2: true };
  if (options.shared === false) {
    // Degree 1 only: the seized shipments' parties are the whole graph.
    const keyOf = await identityKeys(db, distinctIds(seizedRows));
    return {
      seized: seizedRows.map((r) => ({ shipmentId: r.id, seizedAt: r.seizedAt.getTime(), partyIds: r.partyIds })),
      shared: NO_SHARED,
      partyIdOf: new Map([...keyOf].map(([id, key]) => [key, id])),
      degree2: false,
    };
  }
  // Plain columns in array rows: parsing a uuid[] per row cost 5 times more on a hub-heavy unit.
  const rows = await db.query<[string, number, string | null, string | null, string | null, string | null, string | null]>({
    text: `SELECT s.id, extract(epoch FROM COALESCE(s.arrival_date::timestamp, date_trunc('day', s.created_at AT TIME ZONE 'UTC')))::float8 * 1000,
                  s.shipper_id, s.consignee_id, s.notify_id, s.forwarder_id, s.declarant_id
             FROM shipment s WHERE ${SHARES_A_PARTY}`,
    values: [unitId, distinctIds(seizedRows)],
    rowMode: "array",
  });
  const shared: SharedShipments = { shipmentIds: new Array<string>(rows.rows.length), days: new Float64Array(rows.rows.length), parties: [] };
  const ids = new Set(distinctIds(seizedRows));
  rows.rows.forEach((row, i) => {
    shared.shipmentIds[i] = row[0];
    shared.days[i] = row[1];
    for (let c = 2; c < 7; c++) {
      const id = row[c] as string | null;
      shared.parties.push(id);
      if (id !== null) ids.add(id);
    }
  });
  const keyOf = await identityKeys(db, [...ids]);
  return {
    seized: seizedRows.map((r) => ({ shipmentId: r.id, seizedAt: r.seizedAt.getTime(), partyIds: r.partyIds })),
    shared,
    partyIdOf: new Map([...keyOf].map(([id, key]) => [key, id])),
    degree2: true,
  };
}

/** The key sets live scoring asks: degree 2 includes degree 1. */
export interface SeizureLinks {
  degree1: ReadonlySet<string>;
  degree2: ReadonlySet<string>;
}

/** The unit's seizure-linked keys now, without dates: degree 2 deduplicated in SQL, so hub parties cost no rows. */
export async function loadSeizureLinks(db: Pool | PoolClient, unitId: string): Promise<SeizureLinks> {
  const seized = await seizedShipments(db, unitId);
  if (seized.length === 0) return { degree1: new Set(), degree2: new Set() };
  const linkedIds = distinctIds(seized);
  const degree1 = new Set((await identityKeys(db, linkedIds)).values());
  const shared = await db.query<{ identity_key: string }>(
    `SELECT p.identity_key FROM party p WHERE p.id IN (
       SELECT DISTINCT u.id FROM shipment s CROSS JOIN LATERAL unnest(${PARTY_COLUMNS}) AS u(id) WHERE ${SHARES_A_PARTY} AND u.id IS NOT NULL)`,
    [unitId, linkedIds],
  );
  const degree2 = new Set(degree1);
  for (const row of shared.rows) degree2.add(row.identity_key);
  return { degree1, degree2 };
}

const LINK_TTL_MS = 60_000;
const linkCache = new Map<string, { loadedAt: number; links: Promise<SeizureLinks> }>();

/**
 * The unit's seizure-linked keys, cached per process for a minute: a new
 * seizure or shared shipment counts within that time everywhere, at once in
 * the process that recorded it (clearSeizureLinkCache).
 */
export function cachedSeizureLinks(db: Pool | PoolClient, unitId: string): Promise<SeizureLinks> {
  const cached = linkCache.get(unitId);
  if (cached && Date.now() - cached.loadedAt < LINK_TTL_MS) return cached.links;
  // The promise is cached, so concurrent batches of one unit share one load.
  const links = loadSeizureLinks(db, unitId);
  linkCache.set(unitId, { loadedAt: Date.now(), links });
  links.catch(() => {
    if (linkCache.get(unitId)?.links === links) linkCache.delete(unitId);
  });
  return links;
}

/** Forget cached links (an inspection or seizure was recorded, history was imported, tests). */
export function clearSeizureLinkCache(unitId?: string): void {
  if (unitId) linkCache.delete(unitId);
  else linkCache.clear();
}
