// The parties of a seizure: resolved to identity keys (the shipment's own
// party rows, or parties the officer names), linked to the seizure, and put
// on the unit's SEIZURE-PARTIES watchlist so profiles can use them.
import { normalizeWatchlistEntry } from "../../profiling/features/normalize.js";
import type { PoolClient } from "../db/pool.js";
import type { FieldError } from "../errors.js";
import { upsertParties } from "../parties/upsert-parties.js";
import type { SeizurePartyInput } from "./seizure-schemas.js";

export const SEIZURE_WATCHLIST = "SEIZURE-PARTIES";

export interface ResolvedParty {
  identityKey: string;
  partyId: string | null;
  name: string;
  role: string | null;
}

export async function resolveSeizureParties(
  client: PoolClient,
  shipmentId: string,
  parties: readonly SeizurePartyInput[],
): Promise<{ resolved: ResolvedParty[]; errors: FieldError[] }> {
  const resolved: ResolvedParty[] = [];
  const errors: FieldError[] = [];
  for (const [index, party] of parties.entries()) {
    if (party.shipmentRole) {
      // The column name comes from a closed enum, never from the client's text.
      const column = `${party.shipmentRole}_id`;
      const found = await client.query<{ id: string; identity_key: string; name: string }>(
        `SELECT p.id, p.identity_key, p.name FROM shipment s JOIN party p ON p.id = s.${column} WHERE s.id = $1`,
        [shipmentId],
      );
      const row = found.rows[0];
      if (!row) errors.push({ path: `parties[${index}].shipmentRole`, message: `the shipment has no ${party.shipmentRole}` });
      else resolved.push({ identityKey: row.identity_key, partyId: row.id, name: row.name, role: party.role ?? party.shipmentRole });
      continue;
    }
    const refs = await upsertParties(client, [{ name: party.name, country: party.country, id: party.id, address: party.address }]);
    const [ref] = [...refs.values()];
    if (!ref) errors.push({ path: `parties[${index}].name`, message: "could not be normalised to a party" });
    else resolved.push({ identityKey: ref.key, partyId: ref.id, name: party.name ?? ref.key, role: party.role ?? null });
  }
  const unique = new Map(resolved.map((party) => [party.identityKey, party]));
  return { resolved: [...unique.values()], errors };
}

/** Links the parties to the seizure and adds them to the unit's watchlist (first provenance kept). */
export async function linkSeizureParties(
  client: PoolClient,
  unitId: string,
  seizureId: string,
  parties: readonly ResolvedParty[],
  addedBy: string,
): Promise<number> {
  if (parties.length === 0) return 0;
  await client.query(
    `INSERT INTO seizure_party (seizure_id, identity_key, party_id, name, role)
     SELECT $1, k, p, n, r FROM unnest($2::text[], $3::uuid[], $4::text[], $5::text[]) AS t(k, p, n, r)
     ON CONFLICT DO NOTHING`,
    [seizureId, parties.map((p) => p.identityKey), parties.map((p) => p.partyId), parties.map((p) => p.name), parties.map((p) => p.role)],
  );
  await client.query(
    `INSERT INTO watchlist (id, unit_id, code, name, kind) VALUES (gen_random_uuid(), $1, $2, 'Parties linked to seizures', 'party')
     ON CONFLICT (unit_id, code) DO NOTHING`,
    [unitId, SEIZURE_WATCHLIST],
  );
  const added = await client.query(
    `INSERT INTO watchlist_entry (id, watchlist_id, value, display, provenance, added_by)
     SELECT gen_random_uuid(), w.id, v, d, $3, $4
       FROM watchlist w, unnest($5::text[], $6::text[]) AS t(v, d)
      WHERE w.unit_id = $1 AND w.code = $2
     ON CONFLICT (watchlist_id, value) DO NOTHING`,
    [unitId, SEIZURE_WATCHLIST, `seizure:${seizureId}`, addedBy,
      parties.map((p) => normalizeWatchlistEntry("party", p.identityKey)), parties.map((p) => p.name)],
  );
  return added.rowCount ?? 0;
}
