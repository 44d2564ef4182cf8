// Parties are normalised once at ingestion so a unit's history links the same
// company across manifests ("first seen", "linked to a past seizure").
import { normalizeText, partyKey } from "../../profiling/features/normalize.js";
import type { PartyInput } from "../../profiling/shipment.js";
import type { PoolClient } from "../db/pool.js";

export interface PartyRef {
  id: string;
  key: string;
}

interface PartyRow {
  key: string;
  name: string;
  country: string | null;
  address: string | null;
  externalId: string | null;
}

/**
 * Inserts the parties not yet known and returns every party's id by identity
 * key. Keys are sorted so concurrent manifests lock rows in the same order.
 */
export async function upsertParties(client: PoolClient, parties: Iterable<PartyInput>): Promise<Map<string, PartyRef>> {
  const byKey = new Map<string, PartyRow>();
  for (const party of parties) {
    const key = partyKey(party);
    if (!key || byKey.has(key)) continue;
    byKey.set(key, {
      key,
      name: party.name ?? party.id ?? key,
      country: party.country ?? null,
      address: party.address ?? null,
      externalId: party.id ?? null,
    });
  }
  const rows = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const refs = new Map<string, PartyRef>();
  if (rows.length === 0) return refs;
  const keys = rows.map((row) => row.key);
  await client.query(
    `INSERT INTO party (id, identity_key, name, normalized_name, country, address, normalized_address, external_id)
     SELECT gen_random_uuid(), k, n, nn, c, a, na, e
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(k, n, nn, c, a, na, e)
     ON CONFLICT (identity_key) DO NOTHING`,
    [
      keys,
      rows.map((row) => row.name),
      rows.map((row) => normalizeText(row.name)),
      rows.map((row) => row.country),
      rows.map((row) => row.address),
      rows.map((row) => (row.address ? normalizeText(row.address) : null)),
      rows.map((row) => row.externalId),
    ],
  );
  const found = await client.query<{ id: string; identity_key: string }>(
    "SELECT id, identity_key FROM party WHERE identity_key = ANY($1::text[])",
    [keys],
  );
  for (const row of found.rows) refs.set(row.identity_key, { id: row.id, key: row.identity_key });
  return refs;
}

/** How often, and between which dates, a batch of shipments used a party. */
export interface PartyUse {
  shipments: number;
  firstSeen: Date;
  lastSeen: Date;
}

/**
 * Records that a unit saw these parties (by party id), each dated by its own
 * shipments; keeps the earliest first and the latest last sighting.
 */
export async function recordSightings(client: PoolClient, unitId: string, uses: Map<string, PartyUse>): Promise<void> {
  if (uses.size === 0) return;
  const ids = [...uses.keys()].sort();
  const use = (id: string) => uses.get(id)!;
  await client.query(
    `INSERT INTO party_sighting (party_id, unit_id, first_seen_at, last_seen_at, shipments)
     SELECT p, $2::uuid, f, l, n FROM unnest($1::uuid[], $3::timestamptz[], $4::timestamptz[], $5::int[]) AS t(p, f, l, n)
     ON CONFLICT (party_id, unit_id) DO UPDATE
       SET first_seen_at = LEAST(party_sighting.first_seen_at, EXCLUDED.first_seen_at),
           last_seen_at = GREATEST(party_sighting.last_seen_at, EXCLUDED.last_seen_at),
           shipments = party_sighting.shipments + EXCLUDED.shipments`,
    [ids, unitId, ids.map((id) => use(id).firstSeen), ids.map((id) => use(id).lastSeen), ids.map((id) => use(id).shipments)],
  );
}
