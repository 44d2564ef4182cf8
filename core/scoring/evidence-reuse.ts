// An assessment's evidence (the matched indicators with their values, some
// 4 kB of JSON with a learned profile) is most often what one of the
// shipment's earlier assessments holds already: an activation that moves a
// threshold, or the points of a few indicators, leaves most shipments'
// evidence as it was. Sent again, PostgreSQL parsed and compressed all of it
// (about half of a re-score's database CPU). Each assessment keeps the
// SHA-256 of its evidence's JSON text (migration 0027); a chunk asks which of
// its hashes its shipments hold already, sends only the other evidence, and
// the INSERT copies the stored value for the rest. Equal text gives equal
// JSONB, so what is stored is what sending it would have stored.
import { createHash } from "node:crypto";
import type { PoolClient } from "../db/pool.js";

/**
 * Shorter evidence (no match at all is "[]") is sent as it is: parsing it
 * costs less than looking it up.
 */
export const MIN_REUSED_CHARS = 512;

export function evidenceHash(json: string): Buffer {
  return createHash("sha256").update(json).digest();
}

/**
 * Which of the assessments (shipment i with evidence hash i) would repeat
 * evidence their shipment already has stored: their positions.
 * `null` hashes are not asked about.
 */
export async function storedEvidence(client: PoolClient, shipmentIds: readonly string[], hashes: readonly (Buffer | null)[]): Promise<Set<number>> {
  const asked: number[] = [];
  hashes.forEach((hash, i) => hash !== null && asked.push(i));
  if (asked.length === 0) return new Set();
  // By the (shipment, version) unique index's leading column: a shipment has one row per version it was scored with.
  // A LATERAL subquery with LIMIT is never turned into a join, so this stays one index probe per shipment
  // whatever the statistics say: as an EXISTS, the planner hashed the whole assessment table once its
  // statistics were stale (200 ms per chunk at 210,000 assessments, against 0.13 ms by index).
  const found = await client.query<{ i: number }>(
    `SELECT t.i FROM unnest($1::uuid[], $2::bytea[], $3::int[]) AS t(s, h, i)
      CROSS JOIN LATERAL (SELECT 1 FROM assessment a WHERE a.shipment_id = t.s AND a.evidence_hash = t.h LIMIT 1) AS stored`,
    [asked.map((i) => shipmentIds[i]), asked.map((i) => hashes[i]), asked],
  );
  return new Set(found.rows.map((row) => row.i));
}
