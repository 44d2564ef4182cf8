// A stored manifest's rows below the manifest row: its shipments, their
// pending scoring state (the outbox), its parties and their sightings. Written
// in the manifest's own transaction (ingest-manifest.ts), or for a large one
// in its expansion's (staged-manifests.ts). Every shipment written here gets
// its scoring state in the same transaction, so a manifest's shipments are all
// in the queue or none is (the demo's past voyages): a broad search checks its
// matches manifest by manifest on that (searchMatches, queue-filters.ts).
import { copyRows, type CopyValue } from "../db/copy-rows.js";
import type { PoolClient } from "../db/pool.js";
import { recordSightings, upsertParties, type PartyUse } from "../parties/upsert-parties.js";
import type { ManifestInput } from "./manifest-schema.js";
import { SHIPMENT_COLUMNS, shipmentParties, shipmentRow } from "./shipment-rows.js";

/**
 * Writes them and returns the new shipments' ids: every shipment, or the lines
 * [from, to) of an expansion in parts. The sightings of parts add up to those
 * of the whole (counts summed, earliest and latest dates kept).
 */
export async function writeShipments(
  client: PoolClient,
  unitId: string,
  manifestId: string,
  manifest: ManifestInput,
  times: { now: Date; receivedAt: Date },
  lines: { from: number; to: number } = { from: 0, to: manifest.shipments.length },
): Promise<string[]> {
  const { now } = times;
  const shipments = lines.from === 0 && lines.to >= manifest.shipments.length ? manifest.shipments : manifest.shipments.slice(lines.from, lines.to);
  const parties = await upsertParties(client, shipments.flatMap((s) => Object.values(shipmentParties(s))));
  const rowContext = { unitId, manifestId, manifest, parties };
  const rows = shipments.map((shipment, index) => shipmentRow(shipment, lines.from + index, rowContext));
  await copyRows(client, "shipment", SHIPMENT_COLUMNS, rows);
  // The outbox rows straight from the rows in memory: no second pass over the shipments. With the queue's
  // filter columns given, migration 0025's insert trigger does not look each shipment up again.
  await copyRows(client, "scoring_state", OUTBOX_COLUMNS, rows.map((row) => outboxRow(row, { unitId, manifestId, manifest, now })));
  // Dated by the shipments' own dates, not by when the manifest came in: two
  // manifests received the same day but arriving months apart must not make
  // the later one's parties look new (partyNew counts from the shipment's date).
  await recordSightings(client, unitId, partyUses(rows, shipmentDay(manifest, times.receivedAt)));
  return rows.map((row) => row[0] as string);
}

/**
 * The outbox row of a new shipment: its scoring state and the queue's filter columns (as the shipment row has them).
 * Every one of them is given: a row with its transport mode skips the fill trigger (0025), so a column left out
 * would stay empty (the container number, 0035, and the B/L and house B/L, 0043, which a broad container or B/L
 * search reads from scoring_state alone).
 */
export const OUTBOX_COLUMNS = [
  "shipment_id", "unit_id", "status", "enqueued_at", "updated_at", "arrival_date", "transport_mode", "manifest_id",
  "container_number", "bill_of_lading", "house_bill_of_lading",
];

/** The shipment row's columns copied onto its outbox row, in OUTBOX_COLUMNS' order after the manifest. */
const COPIED_COLUMNS = (["container_number", "bill_of_lading", "house_bill_of_lading"] as const).map((column) => SHIPMENT_COLUMNS.indexOf(column));

/** A shipment row's (SHIPMENT_COLUMNS) outbox row, in OUTBOX_COLUMNS' order. */
export function outboxRow(row: readonly CopyValue[], context: { unitId: string; manifestId: string; manifest: ManifestInput; now: Date }): CopyValue[] {
  const { unitId, manifestId, manifest, now } = context;
  return [row[0], unitId, "pending", now, now, manifest.arrivalDate, manifest.transportMode, manifestId, ...COPIED_COLUMNS.map((column) => row[column] ?? null)];
}

const PARTY_ID_COLUMNS = ["shipper_id", "consignee_id", "notify_id", "forwarder_id", "declarant_id"].map((column) =>
  SHIPMENT_COLUMNS.indexOf(column as (typeof SHIPMENT_COLUMNS)[number]),
);
const ARRIVAL_COLUMN = SHIPMENT_COLUMNS.indexOf("arrival_date");

/** A shipment row's date: its arrival date, else the manifest's departure date, else when the manifest was received. */
function shipmentDay(manifest: ManifestInput, receivedAt: Date): (row: unknown[]) => Date {
  const departure = manifest.departureDate ? new Date(`${manifest.departureDate}T00:00:00Z`) : receivedAt;
  return (row) => {
    const arrival = row[ARRIVAL_COLUMN];
    return typeof arrival === "string" ? new Date(`${arrival}T00:00:00Z`) : departure;
  };
}

/** Per party id: how many shipments used it, and the earliest and latest of their dates. */
function partyUses(rows: unknown[][], dayOf: (row: unknown[]) => Date): Map<string, PartyUse> {
  const uses = new Map<string, PartyUse>();
  for (const row of rows) {
    const day = dayOf(row);
    const ids = new Set(PARTY_ID_COLUMNS.map((column) => row[column]).filter((id): id is string => typeof id === "string"));
    for (const id of ids) {
      const use = uses.get(id);
      if (use === undefined) uses.set(id, { shipments: 1, firstSeen: day, lastSeen: day });
      else {
        use.shipments += 1;
        if (day < use.firstSeen) use.firstSeen = day;
        if (day > use.lastSeen) use.lastSeen = day;
      }
    }
  }
  return uses;
}
