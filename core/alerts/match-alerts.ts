// Flags a receiving unit's shipments that match an alert: when the alert is
// sent (shipments already ingested) and when a shipment is scored (ingested
// later). One INSERT ... SELECT; a match is recorded once per (alert, shipment),
// with what it matched on. A seizure report matches by the seized shipment
// itself: its container, its bills of lading, or one of its parties on a route
// from the same loading country, for shipments arriving around the seizure.
import { sharedBeyondUnit } from "../auth/sharing-filter.js";
import type { Pool, PoolClient } from "../db/pool.js";
import { SHIPMENT_IN_FORCE_SQL } from "../manifests/manifest-versions.js";

/** An alert that carries a seizure flags other units' shipments only while that seizure may leave its unit. */
const SHAREABLE = `(a.seizure_id IS NULL OR EXISTS (SELECT 1 FROM seizure z WHERE z.id = a.seizure_id AND ${sharedBeyondUnit("z")}))`;

/** Days before and after the seized shipment's arrival in which a seizure report looks for related shipments. */
export const SEIZURE_REPORT_WINDOW = { before: 60, after: 120 } as const;

/** The seized shipment of a seizure report (x), LEFT JOINed so other alerts keep x null. */
const SEIZED = `LEFT JOIN seizure z ON z.id = a.seizure_id AND a.subject_kind = 'seizure_report'
  LEFT JOIN shipment x ON x.id = z.shipment_id`;

const SAME_CONTAINER = "(x.container_number IS NOT NULL AND s.container_number = x.container_number)";
const SAME_BL = "(s.bill_of_lading = x.bill_of_lading OR (x.house_bill_of_lading IS NOT NULL AND s.house_bill_of_lading = x.house_bill_of_lading))";
const SHARED_PARTY_ON_ROUTE = `(left(s.port_of_loading, 2) = left(x.port_of_loading, 2) AND EXISTS (
    SELECT 1 FROM unnest(ARRAY[x.shipper_id, x.consignee_id, x.notify_id]) AS xp(id)
     WHERE xp.id IS NOT NULL AND xp.id IN (s.shipper_id, s.consignee_id, s.notify_id)))`;
const AROUND_SEIZURE = `s.arrival_date BETWEEN COALESCE(x.arrival_date, z.seized_at::date) - ${SEIZURE_REPORT_WINDOW.before}
  AND COALESCE(x.arrival_date, z.seized_at::date) + ${SEIZURE_REPORT_WINDOW.after}`;

/** What a match was on, for the receiving officer. */
const MATCHED_ON = `CASE WHEN a.subject_kind <> 'seizure_report' THEN a.subject_kind::text
  WHEN ${SAME_CONTAINER} THEN 'container' WHEN ${SAME_BL} THEN 'bill_of_lading' ELSE 'party_and_route' END`;

const MATCHES = `
  (a.subject_kind = 'seizure_report' AND x.id IS NOT NULL AND s.id <> x.id AND ${AROUND_SEIZURE}
    AND (${SAME_CONTAINER} OR ${SAME_BL} OR ${SHARED_PARTY_ON_ROUTE}))
  OR (a.subject_kind = 'container' AND s.container_number = a.match_key)
  OR (a.subject_kind = 'bill_of_lading' AND (s.bill_of_lading = a.match_key OR s.house_bill_of_lading = a.match_key))
  OR (a.subject_kind = 'route' AND s.port_of_loading || '>' || s.port_of_discharge = a.match_key)
  OR (a.subject_kind = 'party' AND EXISTS (
        SELECT 1 FROM party p
         WHERE p.id IN (s.shipper_id, s.consignee_id, s.notify_id, s.forwarder_id, s.declarant_id)
           AND (a.match_country IS NULL OR p.country = a.match_country)
           -- Name-keyed parties compare by the party-name form (legal forms dropped); parties with a registered id by their name.
           AND ((p.identity_key LIKE 'NM|%' AND split_part(p.identity_key, '|', 3) = a.match_key)
                OR p.normalized_name = a.subject->>'normalizedName')))`;

/**
 * Wraps a match INSERT so the matched shipments are also marked `alerted` in
 * the outbox state: the officers' queue reads "flagged" from one indexed row.
 */
const markAlerted = (insert: string) => `
  WITH matched AS (${insert} RETURNING shipment_id),
       marked AS (UPDATE scoring_state SET alerted = true WHERE shipment_id IN (SELECT shipment_id FROM matched) AND NOT alerted)
  SELECT count(*)::int AS n FROM matched`;

/** Matches one alert against every live shipment of its receiving units (manifest versions in force only: a replaced container matches once). */
export async function matchAlert(db: Pool | PoolClient, alertId: string, now: Date): Promise<number> {
  const result = await db.query<{ n: number }>(
    markAlerted(`INSERT INTO alert_match (alert_id, shipment_id, unit_id, matched_at, matched_on)
     SELECT a.id, s.id, r.unit_id, $2, ${MATCHED_ON}
       FROM alert a JOIN alert_recipient r ON r.alert_id = a.id ${SEIZED}
       JOIN shipment s ON s.unit_id = r.unit_id AND s.source = 'manifest'
      WHERE a.id = $1 AND (a.match_key IS NOT NULL OR x.id IS NOT NULL) AND ${SHAREABLE} AND ${SHIPMENT_IN_FORCE_SQL} AND (${MATCHES})
     ON CONFLICT DO NOTHING`),
    [alertId, now],
  );
  return result.rows[0]?.n ?? 0;
}

/** Matches newly scored shipments of a unit against the unit's unexpired alerts. */
export async function matchAlertsForShipments(db: Pool | PoolClient, unitId: string, shipmentIds: readonly string[], now: Date): Promise<number> {
  if (shipmentIds.length === 0) return 0;
  const result = await db.query<{ n: number }>(
    markAlerted(`INSERT INTO alert_match (alert_id, shipment_id, unit_id, matched_at, matched_on)
     SELECT a.id, s.id, r.unit_id, $3, ${MATCHED_ON}
       FROM alert_recipient r JOIN alert a ON a.id = r.alert_id ${SEIZED}
       JOIN shipment s ON s.unit_id = r.unit_id AND s.id = ANY($2::uuid[])
      WHERE r.unit_id = $1 AND (a.match_key IS NOT NULL OR x.id IS NOT NULL) AND (a.expires_at IS NULL OR a.expires_at > $3) AND ${SHAREABLE}
        AND ${SHIPMENT_IN_FORCE_SQL} AND (${MATCHES})
     ON CONFLICT DO NOTHING`),
    [unitId, shipmentIds, now],
  );
  return result.rows[0]?.n ?? 0;
}
