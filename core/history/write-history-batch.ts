// Writes one batch of inspected records in one transaction, set-based:
// parties upserted, the batch COPYed into a temporary table, then one
// statement inserts the new shipments (ON CONFLICT on (unit, source,
// externalRef) DO NOTHING: a record already imported adds nothing), their
// inspections (none for a record that was not inspected: it is context) and
// the parties' sightings dated by the record, not the upload.
import { uuidV7 } from "../ids.js";
import { partyKey } from "../../profiling/features/normalize.js";
import { PARTY_ROLES, type PartyInput, type PartyRole } from "../../profiling/shipment.js";
import { copyRows, type CopyValue } from "../db/copy-rows.js";
import { withTransaction, type Pool } from "../db/pool.js";
import { upsertParties } from "../parties/upsert-parties.js";
import { SELECTION_STORED, type HistoryRow } from "./history-row.js";

const COLUMNS = [
  "id", "unit_id", "source", "history_import_id", "line_no", "external_ref", "bill_of_lading", "container_number",
  "transport_mode", "port_of_loading", "port_of_discharge", "arrival_date", "shipper_id", "consignee_id", "notify_id",
  "forwarder_id", "declarant_id", "parties", "shipper_name", "consignee_name", "hs_codes", "goods_description",
  "gross_weight_kg", "net_weight_kg", "declared_value", "currency", "country_of_origin", "country_of_departure",
  "transshipment_ports", "seal_numbers", "attributes", "house_bill_of_lading", "container_type", "is_empty",
  "place_of_delivery", "packages", "package_type", "freight_terms", "booking_date", "stuffing_location", "voyage",
] as const;
/** Per-record inspection data, beside the shipment columns in the batch table. */
const INSPECTION_COLUMNS = ["outcome", "commodity", "selection", "seized_quantity", "seized_unit", "inspected_at"] as const;
const SHIPMENT_COLUMNS = COLUMNS.join(", ");

export interface BatchRow {
  line: number;
  row: HistoryRow;
}

function partiesOf(row: HistoryRow): Partial<Record<PartyRole, PartyInput>> {
  const parties: Partial<Record<PartyRole, PartyInput>> = {};
  for (const role of PARTY_ROLES) {
    const party = row.shipment[role];
    if (party) parties[role] = party;
  }
  return parties;
}

/** The voyage fields a history record carries (live shipments read theirs from the manifest); null when none. */
function voyageOf(row: HistoryRow): Record<string, string> | null {
  const s = row.shipment;
  const fields = {
    manifestRef: s.manifestRef, carrierScac: s.carrierScac, carrierName: row.carrierName, vesselImo: s.vesselImo,
    vesselName: s.vesselName, voyage: s.voyage, flightNumber: row.flightNumber, departureDate: s.departureDate,
    arrivalDate: s.arrivalDate, manifestFiledAt: s.manifestFiledAt, manifestAmendedAt: s.manifestAmendedAt,
  };
  const present = Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined);
  // The arrival date alone is the record's date, already in arrival_date.
  return present.some(([key]) => key !== "arrivalDate") ? Object.fromEntries(present) : null;
}

/** A date alone is midnight UTC, whatever the session's time zone. */
const instant = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);

/** Returns how many records of the batch were new. */
export async function writeHistoryBatch(pool: Pool, unitId: string, importId: string, batch: readonly BatchRow[]): Promise<number> {
  if (batch.length === 0) return 0;
  return withTransaction(pool, async (client) => {
    const refs = await upsertParties(client, batch.flatMap(({ row }) => Object.values(partiesOf(row))));
    const partyId = (party: PartyInput | undefined) => {
      const key = partyKey(party);
      return key ? (refs.get(key)?.id ?? null) : null;
    };
    const rows: CopyValue[][] = batch.map(({ line, row }) => {
      const s = row.shipment;
      return [
        uuidV7(), unitId, "history", importId, line, row.externalRef, s.billOfLading ?? row.externalRef, s.containerNumber,
        s.transportMode, s.portOfLoading, s.portOfDischarge, row.date, partyId(s.shipper), partyId(s.consignee), partyId(s.notify),
        partyId(s.forwarder), partyId(s.declarant), partiesOf(row), s.shipper?.name, s.consignee?.name, s.hsCodes, s.goodsDescription,
        s.grossWeightKg, s.netWeightKg, s.declaredValue, s.currency, s.countryOfOrigin, s.countryOfDeparture,
        s.transshipmentPorts, s.sealNumbers, s.attributes, s.houseBillOfLading, s.containerType, s.isEmpty,
        s.placeOfDelivery, s.packages, s.packageType, s.freightTerms, s.bookingDate, s.stuffingLocation, voyageOf(row),
        row.outcome, row.commodity, row.selectedBy === undefined ? null : SELECTION_STORED[row.selectedBy],
        row.quantity?.value, row.quantity?.unit, row.inspectedAt === undefined ? null : instant(row.inspectedAt),
      ];
    });
    await client.query(
      `CREATE TEMP TABLE history_batch ON COMMIT DROP AS
         SELECT ${SHIPMENT_COLUMNS}, NULL::inspection_outcome AS outcome, NULL::text AS commodity, NULL::text AS selection,
                NULL::numeric AS seized_quantity, NULL::text AS seized_unit, NULL::timestamptz AS inspected_at
           FROM shipment WITH NO DATA`,
    );
    await copyRows(client, "history_batch", [...COLUMNS, ...INSPECTION_COLUMNS], rows);
    const result = await client.query<{ inserted: number }>(
      `WITH ins AS (
         INSERT INTO shipment (${SHIPMENT_COLUMNS}) SELECT ${SHIPMENT_COLUMNS} FROM history_batch
         ON CONFLICT (unit_id, source, external_ref) DO NOTHING
         RETURNING id, arrival_date, shipper_id, consignee_id, notify_id, forwarder_id, declarant_id),
       insp AS (
         INSERT INTO inspection (id, shipment_id, unit_id, outcome, commodity, methods, inspected_at, selection, seized_quantity, seized_unit)
         SELECT gen_random_uuid(), b.id, b.unit_id, b.outcome, b.commodity, '{}',
                COALESCE(b.inspected_at, b.arrival_date::timestamp AT TIME ZONE 'UTC'), b.selection, b.seized_quantity, b.seized_unit
           FROM history_batch b JOIN ins ON ins.id = b.id
          WHERE b.outcome IS NOT NULL
         RETURNING 1),
       seen AS (
         SELECT p AS party_id, min(ins.arrival_date) AS first_day, max(ins.arrival_date) AS last_day, count(DISTINCT ins.id)::int AS n
           FROM ins CROSS JOIN LATERAL unnest(ARRAY[ins.shipper_id, ins.consignee_id, ins.notify_id, ins.forwarder_id, ins.declarant_id]) AS p
          WHERE p IS NOT NULL GROUP BY p),
       sightings AS (
         INSERT INTO party_sighting (party_id, unit_id, first_seen_at, last_seen_at, shipments)
         SELECT party_id, $1::uuid, first_day::timestamp AT TIME ZONE 'UTC', last_day::timestamp AT TIME ZONE 'UTC', n FROM seen ORDER BY party_id
         ON CONFLICT (party_id, unit_id) DO UPDATE
           SET first_seen_at = LEAST(party_sighting.first_seen_at, EXCLUDED.first_seen_at),
               last_seen_at = GREATEST(party_sighting.last_seen_at, EXCLUDED.last_seen_at),
               shipments = party_sighting.shipments + EXCLUDED.shipments
         RETURNING 1)
       SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM insp) AS i, (SELECT count(*) FROM sightings) AS s`,
      [unitId],
    );
    return result.rows[0]!.inserted;
  });
}
