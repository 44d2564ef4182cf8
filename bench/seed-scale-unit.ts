// Seeds one unit at scale for bench/queue-at-scale.ts: `manifests` sea
// manifests arriving from a year ago to 3 days ahead, `shipments` containers
// spread over them, scored (long-tailed scores, 1 % random picks, decisions
// on half of the high band), with their parties and sightings, as the app
// would have stored them: one statement per manifest writes its shipments,
// their scoring state and the unit's party sightings (as an ingest does), the
// queue counters' statement triggers record their deltas, and the deltas are
// folded (queue_count_fold) at the end. Nothing is disabled. What makes it
// fast: ids are time-ordered (UUIDv7, as core/ids.ts), so the primary keys
// and foreign-key checks append at the right edge; and when the unit brings
// more rows than the tables hold, the queue's and search's secondary indexes
// are dropped first and built once after the load (same definitions, read
// from the catalog), instead of being updated row by row.
// checkSeededUnit then compares the counters and summaries with live counts.
import { createHash } from "node:crypto";
import type pg from "pg";
import { normalizeText, partyKey } from "../profiling/features/normalize.js";

export interface ScaleSeedOptions {
  shipments: number;
  manifests: number;
  /** "continuous": power(random(), 3) * 100 to 0.01, nearly every score its own; "points": sums of 10 indicators' points. */
  scores: "continuous" | "points";
  /** Seeds random() so that two seedings of the same size give the same data (ids aside). */
  seed?: number;
  /**
   * "set-based" (default): the shipment rows' triggers (queue counters, party names, foreign-key checks) are skipped for
   * this session (session_replication_role = replica) and their effect is written after the load in set-based statements;
   * "app": every trigger fires as in the app (the reference the set-based path is tested against).
   */
  triggers?: "set-based" | "app";
  /** Code of the seeded unit (default BENCHQ). */
  code?: string;
  log?: (line: string) => void;
}

export interface ScaleSeedResult {
  unitId: string;
  seconds: number;
  steps: Record<string, number>;
  rebuiltIndexes: string[];
}

export const SEEDED_UNIT_CODE = "BENCHQ";
const SHIPPERS = 20_000;
const CONSIGNEES = 17_011;

/** The baseline sea profile's points, each indicator firing on a share of containers (the rarer, the more points). */
const POINTS: [number, number][] = [[20, 0.02], [20, 0.03], [15, 0.04], [15, 0.05], [15, 0.06], [15, 0.08], [15, 0.1], [10, 0.12], [10, 0.15], [10, 0.2]];

const scoreSql = (scores: ScaleSeedOptions["scores"]) => scores === "points"
  ? POINTS.map(([points, share]) => `(random() < ${share})::int * ${points}`).join(" + ") + "::float8"
  : "round((power(random(), 3) * 100)::numeric, 2)::float8";

/** A version 7 UUID in SQL: `ms` milliseconds, then the bits of the hex digits `hex` with the version and variant set (as uuidV7 in core/ids.ts). */
const uuidV7Sql = (ms: string, hex: string) =>
  `(lpad(to_hex(${ms}), 12, '0') || '7' || substr(${hex}, 1, 3)
    || substr('89ab', 1 + (get_byte(decode(substr(${hex}, 4, 2), 'hex'), 0) & 3), 1) || substr(${hex}, 6, 15))::uuid`;

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

/** Seeds the unit on one connection (its temporary tables and settings are the session's); returns its id and step times. */
export async function seedScaleUnit(pool: pg.Pool, options: ScaleSeedOptions): Promise<ScaleSeedResult> {
  const log = options.log ?? (() => undefined);
  const { shipments, manifests } = options;
  const client = await pool.connect();
  const steps: Record<string, number> = {};
  const started = performance.now();
  let mark = started;
  const step = (name: string) => {
    const now = performance.now();
    steps[name] = Math.round((now - mark) / 100) / 10;
    mark = now;
    log(`seed: ${name} ${steps[name]} s`);
  };
  try {
    // Index builds sort in memory; the seeding's commits need not wait for the disk (a crash loses the bench database only).
    await client.query("SET maintenance_work_mem = '1GB'");
    await client.query("SET synchronous_commit = off");
    await client.query("SELECT setseed($1)", [options.seed ?? 0.17]);
    // Named BENCHQ only once complete: a kept database whose seeding was cut short (its indexes perhaps dropped) is refused, not measured.
    const code = options.code ?? SEEDED_UNIT_CODE;
    const seedingCode = `${code}-SEEDING`;
    const setBased = (options.triggers ?? "set-based") === "set-based";
    const cut = await client.query("SELECT 1 FROM control_unit WHERE code = $1", [seedingCode]);
    if (cut.rowCount) throw new Error(`a seeding of ${code} was cut short in this database: drop the database and seed again`);
    const unit = await client.query<{ id: string }>(
      `INSERT INTO control_unit (id, code, locode, name, country, kind) VALUES (gen_random_uuid(), $1, 'XXBEN', 'Bench unit', 'XX', 'seaport') RETURNING id`,
      [seedingCode],
    );
    const unitId = unit.rows[0]!.id;
    // Manifest k (1 = the latest) gets the shipments g with g mod manifests = k - 1, line g / manifests.
    await client.query(
      `INSERT INTO manifest (id, unit_id, manifest_ref, transport_mode, vessel_name, voyage, port_of_loading, transshipment_ports, port_of_discharge,
                             arrival_date, shipment_count, content_hash, received_at)
       SELECT gen_random_uuid(), $1, 'MF-' || lpad(k::text, 5, '0'), 'sea', 'VESSEL ' || (k % 37), 'V' || k, 'CNSHA', '{}', 'XXBEN',
              current_date + 3 - (k * 368 / $2)::int, $3 / $2 + (k - 1 < $3 % $2)::int, md5(k::text),
              (current_date + 1 - (k * 368 / $2)::int)::timestamp AT TIME ZONE 'UTC'
         FROM generate_series(1, $2) k`,
      [unitId, manifests, shipments],
    );
    await seedParties(client);
    step("unitManifestsParties");

    const rebuild = await dropSecondaryIndexes(client, shipments);
    step("dropIndexes");
    // Foreign keys hold by construction (checked after the load), the counters and party names are written below.
    if (setBased) await client.query("SET session_replication_role = replica");

    const order = await client.query<{ id: string; k: number; n: number; ms: string }>(
      `SELECT id, substr(manifest_ref, 4)::int AS k, shipment_count AS n, (extract(epoch FROM received_at) * 1000)::bigint::text AS ms
         FROM manifest WHERE unit_id = $1 ORDER BY received_at, manifest_ref DESC`,
      [unitId],
    );
    const score = scoreSql(options.scores);
    let done = 0;
    for (const [index, manifest] of order.rows.entries()) {
      await client.query(manifestSql(score), [unitId, manifest.id, manifest.k, manifest.n, manifests, manifest.ms]);
      done += manifest.n;
      if ((index + 1) % Math.max(1, Math.floor(order.rows.length / 10)) === 0) {
        const seconds = (performance.now() - mark) / 1000;
        log(`seed: ${done} of ${shipments} shipments, ${Math.round(done / seconds)}/s`);
      }
    }
    step("shipments");
    if (setBased) {
      await client.query("SET session_replication_role = DEFAULT");
      await writeTriggerEffects(client, unitId, shipments);
      step("countersAndNames");
    }

    for (const index of rebuild) {
      const t = performance.now();
      await client.query(index.definition);
      log(`seed: ${Math.round((performance.now() - t) / 100) / 10} s ${index.definition}`);
    }
    step("buildIndexes");

    // What the app's next count would do in steps (core/triage/queue-counters.ts), all at once.
    while ((await client.query<{ moved: number }>("SELECT queue_count_fold($1::uuid, 2147483647) AS moved", [unitId])).rows[0]!.moved > 0);
    step("foldCounters");
    // As autovacuum would leave the tables after the inserts: visibility map set, statistics current.
    await client.query("VACUUM ANALYZE control_unit, manifest, shipment, scoring_state, party, party_sighting, queue_count, queue_count_unit, queue_count_delta");
    step("vacuumAnalyze");
    await client.query("UPDATE control_unit SET code = $1 WHERE id = $2", [code, unitId]);
    return { unitId, seconds: Math.round((performance.now() - started) / 100) / 10, steps, rebuiltIndexes: rebuild.map((index) => index.name) };
  } finally {
    await client.query("RESET session_replication_role").catch(() => undefined);
    await client.query("DROP TABLE IF EXISTS bench_party").catch(() => undefined);
    client.release();
  }
}

/**
 * One manifest's shipments, their scoring state (scored) and the unit's sightings of their parties, in one statement.
 * $1 unit, $2 manifest id, $3 its k, $4 its shipment count, $5 manifests, $6 its received time (ms): shipment ids follow it.
 */
function manifestSql(score: string): string {
  return `
    WITH g AS (
      SELECT l, g, md5(g::text) AS h FROM generate_series(0, $4 - 1) l, LATERAL (SELECT l::bigint * $5 + $3 - 1 AS g) x
    ), shipped AS (
      INSERT INTO shipment (id, unit_id, manifest_id, line_no, bill_of_lading, container_number, container_type, seal_numbers, transport_mode,
                            port_of_loading, transshipment_ports, port_of_discharge, arrival_date, shipper_id, consignee_id, parties,
                            shipper_name, consignee_name, hs_codes, goods_description, country_of_origin, created_at)
      SELECT ${uuidV7Sql("$6::bigint + g.l", "g.h")}, $1, $2, g.l, 'BL' || lpad(g.g::text, 9, '0'),
             (ARRAY['MSCU','MAEU','CMAU','HLXU','OOLU'])[1 + g.g % 5] || lpad(((g.g * 7919) % 10000000)::text, 7, '0'), '40HC', '{}', 'sea',
             (ARRAY['CNSHA','SGSIN','NLRTM','BRSSZ','COCTG'])[1 + g.g % 5], '{}', 'XXBEN', m.arrival_date, sp.id, cp.id,
             jsonb_build_object('shipper', jsonb_build_object('name', sp.name), 'consignee', jsonb_build_object('name', cp.name)),
             sp.name, cp.name, ARRAY[lpad((g.g % 9999)::text, 4, '0')], 'GENERAL CARGO', 'CN', m.received_at
        FROM g
        JOIN manifest m ON m.id = $2
        JOIN bench_party sp ON sp.role = 's' AND sp.n = g.g % ${SHIPPERS}
        JOIN bench_party cp ON cp.role = 'c' AND cp.n = g.g % ${CONSIGNEES}
      RETURNING id, arrival_date, shipper_id, consignee_id, container_number, bill_of_lading
    ), scored AS (
      INSERT INTO scoring_state (shipment_id, unit_id, arrival_date, transport_mode, manifest_id, container_number, bill_of_lading, status, score, band,
                                 selected, random, decision, decision_at, enqueued_at, scored_at, updated_at)
      SELECT id, $1, arrival_date, 'sea', $2, container_number, bill_of_lading, 'scored', score,
             CASE WHEN score >= 80 THEN 'high' WHEN score >= 50 THEN 'medium' WHEN score > 0 THEN 'low' END::risk_band,
             score >= 50, random() < 0.01, decision, CASE WHEN decision <> 'none' THEN now() END, now(), now(), now()
        FROM (SELECT id, arrival_date, container_number, bill_of_lading, score,
                     CASE WHEN score >= 80 AND random() < 0.5 THEN (ARRAY['hold','released','inspected'])[1 + floor(random() * 3)::int] ELSE 'none' END::triage_decision AS decision
                FROM (SELECT id, arrival_date, container_number, bill_of_lading, ${score} AS score FROM shipped) r) d
    )
    -- As recordSightings (core/parties/upsert-parties.ts): dated by the shipments' own arrival.
    INSERT INTO party_sighting (party_id, unit_id, first_seen_at, last_seen_at, shipments)
    SELECT p, $1, min(day), max(day), count(*)
      FROM (SELECT shipper_id AS p, arrival_date::timestamp AT TIME ZONE 'UTC' AS day FROM shipped
            UNION ALL SELECT consignee_id, arrival_date::timestamp AT TIME ZONE 'UTC' FROM shipped) u
     GROUP BY p
    ON CONFLICT (party_id, unit_id) DO UPDATE
      SET first_seen_at = LEAST(party_sighting.first_seen_at, EXCLUDED.first_seen_at),
          last_seen_at = GREATEST(party_sighting.last_seen_at, EXCLUDED.last_seen_at),
          shipments = party_sighting.shipments + EXCLUDED.shipments`;
}

/** The 20,000 shippers and 17,011 consignees, keyed as upsertParties keys them; bench_party (session) maps each number to its id. */
async function seedParties(client: pg.PoolClient): Promise<void> {
  const names = [
    ...Array.from({ length: SHIPPERS }, (_, n) => ({ role: "s", n, name: `SHIPPER ${md5(String(n))}` })),
    ...Array.from({ length: CONSIGNEES }, (_, n) => ({ role: "c", n, name: `CONSIGNEE ${md5(String(n))}` })),
  ];
  const keys = names.map(({ name }) => partyKey({ name })!);
  await client.query("CREATE TEMPORARY TABLE bench_party (role char(1), n int, name text, id uuid, PRIMARY KEY (role, n))");
  await client.query(
    `INSERT INTO party (id, identity_key, name, normalized_name)
     SELECT gen_random_uuid(), k, nm, nn FROM unnest($1::text[], $2::text[], $3::text[]) AS t(k, nm, nn)
     ON CONFLICT (identity_key) DO NOTHING`,
    [keys, names.map((p) => p.name), names.map((p) => normalizeText(p.name))],
  );
  await client.query(
    `INSERT INTO bench_party SELECT r, n, nm, p.id FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS t(r, n, nm, k) JOIN party p ON p.identity_key = t.k`,
    [names.map((p) => p.role), names.map((p) => p.n), names.map((p) => p.name), keys],
  );
  await client.query("ANALYZE bench_party");
}

/**
 * Drops the indexes of shipment and scoring_state that no constraint owns, and returns their definitions
 * to build after the load, when the load brings more rows than the table holds (else it keeps them).
 */
async function dropSecondaryIndexes(client: pg.PoolClient, adding: number): Promise<{ name: string; definition: string }[]> {
  const held = await client.query<{ n: string }>("SELECT count(*) AS n FROM scoring_state");
  if (Number(held.rows[0]!.n) >= adding) return [];
  const found = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid IN ('shipment'::regclass, 'scoring_state'::regclass)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY i.indrelid::regclass::text, name`,
  );
  for (const index of found.rows) await client.query(`DROP INDEX ${index.name}`);
  return found.rows;
}

/**
 * What the skipped triggers would have written for the unit's new rows, set-based: queue_count and
 * queue_count_unit as queue_count_fold leaves them (migrations 0025, 0028: no deltas), and the unit's
 * party names when migration 0031's table exists (shipper n is used by a shipment iff n < shipments).
 */
async function writeTriggerEffects(client: pg.PoolClient, unitId: string, shipments: number): Promise<void> {
  await client.query(
    `WITH agg AS MATERIALIZED (
       SELECT unit_id, arrival_date, transport_mode, manifest_id, status, decision, random, alerted, watchlisted, selected, band,
              queue_score_bucket(score) AS bucket, queue_score_fine_bucket(score) AS fine, count(*) AS n
         FROM scoring_state WHERE unit_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13
     ), per_day AS (
       INSERT INTO queue_count
       SELECT unit_id, arrival_date, transport_mode, manifest_id, status, decision, random, alerted, watchlisted, selected, band, bucket, sum(n)
         FROM agg GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
     )
     INSERT INTO queue_count_unit
     SELECT unit_id, transport_mode, status, decision, random, alerted, watchlisted, selected, band, fine, sum(n)
       FROM agg GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
    [unitId],
  );
  const names = await client.query<{ t: string | null }>("SELECT to_regclass('party_name')::text AS t");
  if (names.rows[0]!.t) {
    await client.query(
      `INSERT INTO party_name (unit_id, name)
       SELECT $1, name FROM bench_party WHERE n < $2 ORDER BY name ON CONFLICT DO NOTHING`,
      [unitId, shipments],
    );
  }
}

export interface SeedCheck {
  ok: boolean;
  /** Keys of queue_count_unit (plus unfolded deltas) whose count differs from scoring_state's, either way. */
  summaryMismatches: number;
  /** The same for queue_count (per arrival day and manifest). */
  countMismatches: number;
  /** Rows whose band is not the one their score gives. */
  bandMismatches: number;
  shipments: number;
  manifestCountsWrong: number;
  /** Sum of the unit's party_sighting.shipments: two parties a shipment. */
  sightingShipments: number;
  /** Scoring states without their shipment, shipments without their manifest, and the difference of their numbers. */
  orphans: number;
  /** party_name rows (migration 0031) against the unit's distinct shipper and consignee names, either way; null without the table. */
  partyNameMismatches: number | null;
  /** Scoring states whose container number (0035), B/L or house B/L (0043) is not their shipment's; null before those columns. */
  containerMismatches: number | null;
  indexesMissing: string[];
}

const SUMMARY_KEY = "transport_mode, status, decision, random, alerted, watchlisted, selected, band, fine";
const COUNT_KEY = "arrival_date, transport_mode, manifest_id, status, decision, random, alerted, watchlisted, selected, band, bucket";

/** Keys whose counts differ between a counter table (plus the unit's deltas) and the live counts, either way (EXCEPT ALL: nulls match). */
const mismatchSql = (table: string, key: string) => {
  const counted = `SELECT ${key}, sum(n) AS n FROM (SELECT ${key}, n FROM ${table} WHERE unit_id = $1 UNION ALL SELECT ${key}, n FROM queue_count_delta WHERE unit_id = $1) c
                    GROUP BY ${key} HAVING sum(n) <> 0`;
  const live = `SELECT ${key}, sum(n) AS n FROM bench_live GROUP BY ${key}`;
  return `SELECT count(*) AS n FROM ((${counted} EXCEPT ALL ${live}) UNION ALL (${live} EXCEPT ALL ${counted})) d`;
};

/** Counters, summaries, sightings and indexes of the seeded unit against live counts (one pass over scoring_state): what the app would have written. */
export async function checkSeededUnit(pool: pg.Pool, unitId: string, expectedIndexes: string[]): Promise<SeedCheck> {
  const client = await pool.connect();
  try {
    await client.query(
      `CREATE TEMPORARY TABLE bench_live AS
       SELECT arrival_date, transport_mode, manifest_id, status, decision, random, alerted, watchlisted, selected, band,
              queue_score_bucket(score) AS bucket, queue_score_fine_bucket(score) AS fine,
              band IS NOT DISTINCT FROM (CASE WHEN score >= 80 THEN 'high' WHEN score >= 50 THEN 'medium' WHEN score > 0 THEN 'low' END)::risk_band AS band_fits,
              count(*) AS n
         FROM scoring_state WHERE unit_id = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13`,
      [unitId],
    );
    const one = async (text: string) => Number((await client.query<{ n: string }>(text, [unitId])).rows[0]!.n);
    const summaryMismatches = await one(mismatchSql("queue_count_unit", SUMMARY_KEY));
    const countMismatches = await one(mismatchSql("queue_count", COUNT_KEY));
    const bandMismatches = await one("SELECT coalesce(sum(n), 0) AS n FROM bench_live WHERE NOT band_fits AND $1::uuid IS NOT NULL");
    const manifests = await client.query<{ wrong: string; shipments: string }>(
      `SELECT count(*) FILTER (WHERE m.shipment_count <> coalesce(s.n, 0)) AS wrong, coalesce(sum(s.n), 0) AS shipments
         FROM manifest m LEFT JOIN (SELECT manifest_id, count(*) AS n FROM shipment WHERE unit_id = $1 GROUP BY 1) s ON s.manifest_id = m.id
        WHERE m.unit_id = $1`,
      [unitId],
    );
    const sightingShipments = await one("SELECT coalesce(sum(shipments), 0) AS n FROM party_sighting WHERE unit_id = $1");
    const orphans = await one(
      `SELECT (SELECT count(*) FROM scoring_state st WHERE st.unit_id = $1 AND NOT EXISTS (SELECT 1 FROM shipment s WHERE s.id = st.shipment_id))
            + (SELECT count(*) FROM shipment s WHERE s.unit_id = $1 AND NOT EXISTS (SELECT 1 FROM manifest m WHERE m.id = s.manifest_id))
            + abs((SELECT count(*) FROM shipment WHERE unit_id = $1) - (SELECT coalesce(sum(n), 0) FROM bench_live)) AS n`,
    );
    const hasNames = (await client.query<{ t: string | null }>("SELECT to_regclass('party_name')::text AS t")).rows[0]!.t !== null;
    const names = `(SELECT shipper_name AS name FROM shipment WHERE unit_id = $1 UNION SELECT consignee_name FROM shipment WHERE unit_id = $1)`;
    const partyNameMismatches = hasNames
      ? await one(`SELECT count(*) AS n FROM ((SELECT name FROM party_name WHERE unit_id = $1 EXCEPT ${names}) UNION ALL (${names} EXCEPT SELECT name FROM party_name WHERE unit_id = $1)) d`)
      : null;
    const hasContainer = (await client.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'scoring_state' AND column_name = 'container_number'")).rowCount! > 0;
    const containerMismatches = hasContainer
      ? await one(`SELECT count(*) AS n FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id
                    WHERE st.unit_id = $1 AND (st.container_number IS DISTINCT FROM s.container_number
                       OR st.bill_of_lading IS DISTINCT FROM s.bill_of_lading OR st.house_bill_of_lading IS DISTINCT FROM s.house_bill_of_lading)`)
      : null;
    const present = await client.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('shipment', 'scoring_state')");
    const indexNames = new Set(present.rows.map((r) => r.name));
    const shipments = Number(manifests.rows[0]!.shipments);
    const result = {
      summaryMismatches, countMismatches, bandMismatches, shipments,
      manifestCountsWrong: Number(manifests.rows[0]!.wrong),
      sightingShipments, orphans, partyNameMismatches, containerMismatches,
      indexesMissing: expectedIndexes.filter((name) => !indexNames.has(name)),
    };
    const ok = summaryMismatches === 0 && countMismatches === 0 && bandMismatches === 0 && result.manifestCountsWrong === 0
      && sightingShipments === 2 * shipments && orphans === 0 && (partyNameMismatches ?? 0) === 0 && (containerMismatches ?? 0) === 0 && result.indexesMissing.length === 0;
    return { ok, ...result };
  } finally {
    await client.query("DROP TABLE IF EXISTS bench_live").catch(() => undefined);
    client.release();
  }
}
