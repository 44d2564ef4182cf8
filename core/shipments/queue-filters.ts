// The officer queue's filters as SQL over scoring_state `st`, shipment `s` and
// the unit's band cut-offs `c`. One builder serves the page, its total, the
// counts by band and decision, and the search hint, so they always agree.
// Every filter but the searches reads scoring_state alone (0025 copied the
// arrival date, mode and manifest onto it), so one index serves the filter and
// the score order, and shipment is joined only for a search (a broad one's walk
// tests the container number, 0035, and the B/L, 0043, on scoring_state's copies).
import { isUuid } from "../ids.js";
import { manifestInForceSql, type VersionScope } from "../manifests/manifest-versions.js";
import { containing, startingWith } from "../db/like-pattern.js";
import type { Services } from "../services.js";
import { CUTOFF_JOIN_SQL, EFFECTIVE_BAND_SQL, EFFECTIVE_FLAGGED_SQL } from "../triage/band-cutoffs.js";

export const DECISIONS = ["none", "hold", "released", "inspected"] as const;
export type Decision = (typeof DECISIONS)[number];

export interface QueueFilters {
  flagged?: boolean | undefined;
  band?: ("high" | "medium" | "low" | "none")[] | undefined;
  minScore?: number | undefined;
  status?: ("pending" | "scored" | "failed")[] | undefined;
  decision?: Decision[] | undefined;
  /** A user id, "me" (resolved by the caller) or "none" for unassigned. */
  assignee?: string | undefined;
  random?: boolean | undefined;
  containerNumber?: string | undefined;
  billOfLading?: string | undefined;
  party?: string | undefined;
  manifestId?: string | undefined;
  arrivalFrom?: string | undefined;
  arrivalTo?: string | undefined;
  /** Replaced and cancelled manifest versions are left out unless "all", or unless one manifest is asked for by id. */
  versions?: VersionScope | undefined;
}

export interface SqlWhere {
  /** Over scoring_state `st` and the cut-offs `c`. */
  clauses: string[];
  /** The searches, over shipment `s` alone. */
  search: string[];
  /** The searches' parameters (`$n`), in `params`. */
  searchParams: string[];
  /** For each of `search`, the same test over scoring_state `st` alone when it has one (the container and B/L prefixes, over 0035's and 0043's copies). */
  stateSearch: (string | undefined)[];
  /** The arrival window's clauses (also in `clauses`), over `st.arrival_date`: the counters apply them to their own rows first. */
  arrival: string[];
  params: unknown[];
}

/** A replaced or cancelled version's containers are no longer to be examined (manifest-versions.ts), read from scoring_state's copy of the manifest id. */
export const STATE_MANIFEST_IN_FORCE_SQL = manifestInForceSql("st.manifest_id");

/**
 * A search that matches at most this many shipments is read first, then
 * filtered and sorted (narrow), and its first page counts its total in the
 * same pass; above it the score order is walked, the search filters it, and
 * the total is counted up to this many (TOTAL_CAP, count-queue.ts).
 */
export const NARROW_SEARCH = 10_000;

/**
 * A search matching more than NARROW_SEARCH shipments. `sampleSelected`: of
 * its first NARROW_SEARCH + 1 matches (in an index's order, not the score's),
 * how many the other filters select, when searchMatches was asked to count
 * them; at NARROW_SEARCH + 1, a count capped there is that, without walking
 * the unit (count-queue.ts). `names`: for a party search alone, every name it
 * matched (a full count then reads the shipments by those names, not every
 * shipment's two names).
 */
export interface BroadSearch {
  sampleSelected?: number | undefined;
  names?: string[] | undefined;
}

/**
 * A narrow search's matches: their ids as PostgreSQL wrote them, comma-separated
 * text handed back to it as it came. Parsed into an array and serialised again,
 * 10,000 ids cost this process 20-120 ms of CPU per page (pg's array parser),
 * for ids it never looks at. Not as a uuid[] literal: array_agg(id)::text took
 * PostgreSQL 44-62 ms for 10,000 ids at 1M shipments, string_agg 8 ms, and
 * reading them back (string_to_array(...)::uuid[]) 5.5 ms against 8.
 */
export interface MatchedIds {
  idsText: string;
}

/**
 * The ids a narrow search matched (searchMatches); or what is known of a
 * broad one; or false: broad with nothing known, or no search.
 */
export type Narrow = MatchedIds | false | BroadSearch;

export const isMatchedIds = (narrow: Narrow | undefined): narrow is MatchedIds => typeof narrow === "object" && "idsText" in narrow;

export const isBroadSearch = (narrow: Narrow | undefined): narrow is BroadSearch => typeof narrow === "object" && !isMatchedIds(narrow);

const NO_MATCH: MatchedIds = { idsText: "" };

/**
 * The rows the filters select, as a `WITH` item (or none) and `FROM ... WHERE ...`
 * over `st`, `c`, and `s` when a search or `withShipment` needs it. `narrow`: the
 * ids of the shipments the search matches, when few (searchMatches): they are
 * read first, by id, instead of walking the unit's score order and instead of
 * running the search again (an index scan per name or prefix, the costly part).
 * Appends the ids to `where.params`.
 */
export function queueSource(where: SqlWhere, options: { narrow?: Narrow; withShipment?: boolean } = {}): { with: string; fromWhere: string } {
  const narrow = where.search.length > 0 && isMatchedIds(options.narrow) ? options.narrow : undefined;
  if (narrow) {
    // The ids matched the search itself (searchMatches), so shipment is read only when the sort needs it. The
    // search's parameters stay referenced (PostgreSQL refuses a statement that leaves one without a type).
    const kept = where.searchParams.map((p) => `${p}::text IS NOT NULL`);
    const conditions = [...where.clauses, ...(options.withShipment === true ? where.search : kept)].join(" AND ");
    where.params.push(narrow.idsText);
    const shipment = options.withShipment === true ? "JOIN shipment s ON s.id = st.shipment_id" : "";
    return {
      with: `matched AS MATERIALIZED (SELECT unnest(string_to_array($${where.params.length}::text, ',')::uuid[]) AS id)`,
      fromWhere: `FROM matched JOIN scoring_state st ON st.shipment_id = matched.id ${shipment} ${CUTOFF_JOIN_SQL} WHERE ${conditions}`,
    };
  }
  const joinShipment = where.search.length > 0 || options.withShipment === true;
  if (where.search.length > 0 && options.withShipment !== true) {
    // A broad search walks the score order and looks up each row's shipment, the LIMIT keeping that look-up
    // inside the walk: as a join, a planner that took the search for narrow (at 10M, 1,000 rows estimated for a
    // B/L prefix matching 100,000) read every match through the prefix index and sorted them, 148 ms.
    const { onState, onShipment } = broadSearchTests(where, options.narrow);
    const lookUp = onShipment.length > 0
      ? `CROSS JOIN LATERAL (SELECT 1 FROM shipment s WHERE s.id = st.shipment_id AND ${onShipment.join(" AND ")} LIMIT 1) sm`
      : "";
    return {
      with: "",
      fromWhere: `FROM scoring_state st ${lookUp}
        ${CUTOFF_JOIN_SQL} WHERE ${[...where.clauses, ...onState].join(" AND ")}`,
    };
  }
  const conditions = [...where.clauses, ...where.search].join(" AND ");
  return { with: "", fromWhere: `FROM scoring_state st ${joinShipment ? "JOIN shipment s ON s.id = st.shipment_id" : ""} ${CUTOFF_JOIN_SQL} WHERE ${conditions}` };
}

/**
 * A party search's names are tested by equality, row by row, when at most this
 * many: beyond, each row compared its two names with every name in the list
 * (at 10M, "CONSIGNEE 1" has 1,095: 1.1 s for 10,000 rows, against 0.3 s for
 * the substring match itself), so the substring is tested instead.
 */
const NAMES_BY_EQUALITY = 32;

/**
 * A broad search's tests, as its walk of the score order applies them: over
 * scoring_state alone where it can (the container and B/L prefixes, on
 * 0035's and 0043's copies of the numbers: index-only, where each row's
 * shipment was a heap read, at 10M some 25,000 for a container prefix
 * matching 20,000, 160 ms), else on each row's shipment (a party search).
 * A party search by its names when few (searchMatches gives them for a
 * party search alone): a name in the list contains the text, so the names
 * replace the substring match (its parameter stays referenced).
 * Appends the names to `where.params`.
 */
function broadSearchTests(where: SqlWhere, narrow: Narrow | undefined): { onState: string[]; onShipment: string[] } {
  const names = isBroadSearch(narrow) && (narrow.names?.length ?? Infinity) <= NAMES_BY_EQUALITY ? narrow.names : undefined;
  if (names === undefined) {
    return { onState: where.search.flatMap((_, i) => where.stateSearch[i] ?? []), onShipment: where.search.filter((_, i) => where.stateSearch[i] === undefined) };
  }
  where.params.push(names);
  const p = `$${where.params.length}::text[]`;
  return { onState: [], onShipment: [`(s.unit_id = $1 AND (s.shipper_name = ANY(${p}) OR s.consignee_name = ANY(${p})))`, ...where.searchParams.map((q) => `${q}::text IS NOT NULL`)] };
}

/**
 * A broad search's count by a bounded walk: the first `walk` rows the other
 * filters select, in score order, each row's shipment read and tested for the
 * search; `walked`, how many there were (fewer than `walk`: every one), and
 * `found`, how many of them the search matches. A party search's names, however
 * many, are one hash table here, the tests being made on the rows read (at 10M,
 * 1,095 names over 10,000 rows: 155 ms under load, against 290 by substring and
 * 1.1 s by the list). Null when the search is tested on scoring_state alone
 * (index-only, counted in full as any filter).
 */
export function broadSearchWalk(where: SqlWhere, narrow: BroadSearch, walk: number): string | null {
  const { onState, onShipment } = broadSearchTests(where, undefined);
  if (onShipment.length === 0) return null;
  let tests = onShipment.join(" AND ");
  let names = "";
  if (narrow.names !== undefined && where.search.length === 1) {
    // A party search alone (searchMatches gives its names for no other): its names as a hash table.
    where.params.push(narrow.names);
    names = `WITH names AS MATERIALIZED (SELECT unnest($${where.params.length}::text[]) AS name) `;
    tests = `(s.shipper_name IN (SELECT name FROM names) OR s.consignee_name IN (SELECT name FROM names)) AND ${where.searchParams.map((q) => `${q}::text IS NOT NULL`).join(" AND ")}`;
  }
  return `${names}SELECT count(*) AS walked, count(*) FILTER (WHERE ${tests}) AS found
            FROM (SELECT st.shipment_id FROM scoring_state st ${CUTOFF_JOIN_SQL} WHERE ${[...where.clauses, ...onState].join(" AND ")}
                   ORDER BY COALESCE(st.score, '-Infinity'::float8) DESC, st.shipment_id DESC LIMIT ${Math.floor(walk)}) w
            LEFT JOIN LATERAL (SELECT s.unit_id, s.shipper_name, s.consignee_name, s.bill_of_lading, s.house_bill_of_lading FROM shipment s WHERE s.id = w.shipment_id) s ON true`;
}

/**
 * The ids of the shipments the search alone matches, when at most
 * NARROW_SEARCH; a BroadSearch when more; false when there is no search. A
 * party search first reads the unit's names that contain the text
 * (party_name, migration 0031: every name there is carried by a shipment, so
 * more names than NARROW_SEARCH is a broad search, answered false), then the
 * shipments that carry them.
 *
 * When the driving search's index holds more than NARROW_SEARCH keys (counted
 * index-only), the matches are read through that index, in its order, and the
 * read stops at NARROW_SEARCH + 1 whatever the size of the unit: the container
 * prefix, else the B/L prefix (its B/L and house B/L indexes, each read up to
 * that many, then merged), else the party names one by one (each by the
 * (unit, name) index of either role); the other searches filter those rows.
 * With fewer keys, every match is read at once (a bitmap scan, a heap page at
 * a time). Left to the planner, a broad prefix search was a sequential scan of
 * shipment (a B/L prefix matching 100,000 of 1M read 100,000 rows for its
 * first 10,001) and a broad party search one of 145,000 rows, each tested
 * against every name.
 *
 * `countSample` (default true: a first page's total, the counts): a broad
 * search's first NARROW_SEARCH + 1 matches are also checked against the other
 * filters, in the same statement (BroadSearch.sampleSelected), so that the ids
 * never travel to this process and back; false for a page that counts nothing.
 */
export async function searchMatches(services: Pick<Services, "pool">, unitId: string, filters: QueueFilters, options: { countSample?: boolean } = {}): Promise<Narrow> {
  if (!hasSearch(filters)) return false;
  // Its own parameters (PostgreSQL refuses parameters a statement does not use): the search's alone, or
  // with the other filters' when the sample is counted. Only a plain search's is: with other filters, each of
  // its rows would be read from scoring_state's heap (10,001 pages at 10M, about 100 ms) to be compared with a
  // cap they rarely all pass, where the count's bounded walk of those filters' rows answers (count-queue.ts).
  const full = queueWhere(unitId, filters);
  const countSample = options.countSample !== false && isPlain(full);
  const where = countSample ? full : queueWhere(unitId, searchOnly(filters));
  // Each search's clause and parameter, in queueWhere's order: container, B/L, party.
  const searches = where.search.map((clause, i) => ({ clause, param: where.searchParams[i]! }));
  let names: string[] | undefined;
  if (filters.party) {
    const found = await services.pool.query<{ names: string[] | null; n: string }>(
      `SELECT array_agg(name) AS names, count(*) AS n FROM (SELECT name FROM party_name WHERE unit_id = $1 AND name ILIKE $2 LIMIT ${NARROW_SEARCH + 1}) x`,
      [unitId, containing(filters.party)],
    );
    names = found.rows[0]?.names ?? [];
    if (names.length > NARROW_SEARCH) return false;
    if (names.length === 0) return NO_MATCH;
    where.params.push(names);
    const p = `$${where.params.length}::text[]`;
    const party = searches.at(-1)!;
    // Alone, the names are the search (each contains the text); with a number search too, both are checked.
    party.clause = searches.length === 1 ? `(s.unit_id = $1 AND (s.shipper_name = ANY(${p}) OR s.consignee_name = ANY(${p})))`
      : `${party.clause} AND (s.shipper_name = ANY(${p}) OR s.consignee_name = ANY(${p}))`;
  }
  const limit = NARROW_SEARCH + 1;
  const others = (driver: number) => searches.filter((_, i) => i !== driver).map((s) => ` AND ${s.clause}`).join("");
  // Each driving index's read: its ids in its order, for at most `limit` of them; and its keys alone (an
  // index-only count, also capped), whose sum bounds the matches from above.
  let branches: { ids: string; keys: string }[];
  if (filters.containerNumber) {
    const from = `FROM shipment s WHERE ${searches[0]!.clause}`;
    branches = [{ ids: `SELECT s.id, s.manifest_id ${from}${others(0)} ORDER BY s.container_number USING ~<~ LIMIT ${limit}`, keys: `SELECT s.manifest_id ${from} LIMIT ${limit}` }];
  } else if (filters.billOfLading) {
    const p = searches[0]!.param;
    branches = ["bill_of_lading", "house_bill_of_lading"].map((column) => {
      const from = `FROM shipment s WHERE s.unit_id = $1 AND s.${column} LIKE ${p}`;
      return { ids: `SELECT s.id, s.manifest_id ${from}${others(0)} ORDER BY s.${column} USING ~<~ LIMIT ${limit}`, keys: `SELECT s.manifest_id ${from} LIMIT ${limit}` };
    });
  } else {
    const p = `$${where.params.length}::text[]`;
    branches = ["shipper_name", "consignee_name"].map((column) => {
      const by = (what: string) => `SELECT ${what} FROM unnest(${p}) AS pn(name) CROSS JOIN LATERAL (SELECT s.id, s.manifest_id FROM shipment s WHERE s.unit_id = $1 AND s.${column} = pn.name OFFSET 0) s LIMIT ${limit}`;
      return { ids: by("s.id, s.manifest_id"), keys: by("s.manifest_id") };
    });
  }
  // Every parameter stays referenced (a party search alone uses its names, not its pattern).
  const kept = where.searchParams.map((p) => `${p}::text IS NOT NULL`).join(" AND ");
  // The sample's rows that the other filters select, only when the search is broad (an InitPlan, run on demand).
  // Each by its key (LIMIT 1 keeps the planner from turning it into a join it may order the other way: with
  // no statistics yet, it took scoring_state for one row and read the whole sample for each of its rows).
  // With no filter but the unit and the versions in force (a plain search), those are read from the shipment
  // row already fetched (scoring_state's unit and manifest are its shipment's: written with it, the manifest
  // kept in step by 0025's trigger), and scoring_state's key alone says the row is in the queue: an index-only
  // probe instead of a heap page each (at 1M, 11,500 pages read into shared buffers, 75 ms, against 20 ms).
  const plain = isPlain(where);
  const inQueue = plain
    ? `SELECT 1 FROM scoring_state st WHERE st.shipment_id = m.id LIMIT 1) x${where.clauses.includes(STATE_MANIFEST_IN_FORCE_SQL) ? `
         WHERE ${manifestInForceSql("m.manifest_id")}` : ""}`
    : `SELECT 1 FROM scoring_state st ${CUTOFF_JOIN_SQL} WHERE st.shipment_id = m.id AND ${where.clauses.join(" AND ")} LIMIT 1) x`;
  // One search alone (a container prefix, a B/L prefix, a party word): every key of one of its indexes is one
  // shipment it matches (a shipment has one number, one B/L, one house B/L, one name of each role, and a party's
  // names all contain the text), so an index with more than NARROW_SEARCH keys makes it broad without the union
  // of the indexes' rows (m, read from the heap). And when it is plain, an index's first NARROW_SEARCH + 1 keys
  // are checked by manifest, not row by row: every index read here carries the manifest (0038, 0040), and a
  // manifest's shipments are all in the queue or none is (writeShipments writes each shipment's scoring state
  // with it; a past voyage of the unit's history has none), so one probe of scoring_state by manifest, and one
  // of its versions, answers for every key of that manifest. At 10M, a word matching 620,000 shipments read
  // 10,000 heap pages and 8,500 of scoring_state's key for this (99 ms of database CPU, 24 ms after).
  const alone = searches.length === 1;
  const inForce = where.clauses.includes(STATE_MANIFEST_IN_FORCE_SQL);
  const byManifest = alone && plain
    ? `(SELECT COALESCE(max(n), 0) FROM (SELECT g.b, sum(g.c) AS n FROM (${branches.map((_, i) => `SELECT ${i} AS b, manifest_id, count(*) AS c FROM key${i} GROUP BY manifest_id`).join(" UNION ALL ")}) g
         WHERE EXISTS (SELECT 1 FROM scoring_state st WHERE st.manifest_id = g.manifest_id)${inForce ? `
           AND ${manifestInForceSql("g.manifest_id")}` : ""}
         GROUP BY g.b) x)`
    : undefined;
  const rowByRow = `(SELECT count(*) FROM m CROSS JOIN LATERAL (
         ${inQueue})`;
  const selected = countSample
    ? `CASE WHEN (SELECT n FROM k) > ${NARROW_SEARCH} THEN ${byManifest ? `CASE WHEN ${byManifest} >= ${limit} THEN ${limit} ELSE ${rowByRow} END` : rowByRow} END`
    : "NULL::bigint";
  // Two ways to the matches, of which the statement runs one (each WITH item is read only when needed): when
  // the driving indexes hold at most NARROW_SEARCH keys (`bound`), every match is read at once, which the
  // planner does a heap page at a time (a bitmap scan: 866 pages for 10,000 matches, against one page a row
  // in an index's order); else the ordered reads above, each stopping at `limit`.
  const counts = branches.map((_, i) => `(SELECT count(*) FROM key${i})`);
  const result = await services.pool.query<{ ids: string | null; n: string; selected: string | null }>(
    `WITH ${branches.map((b, i) => `key${i} AS MATERIALIZED (${b.keys}),`).join("\n          ")}
          bound AS MATERIALIZED (SELECT ${counts.join(" + ")} AS n, ${counts.length > 1 ? `greatest(${counts.join(", ")})` : counts[0]} AS widest),
          few AS MATERIALIZED (SELECT s.id FROM shipment s WHERE ${searches.map((s) => s.clause).join(" AND ")} AND ${kept} LIMIT ${limit}),
          m AS MATERIALIZED (SELECT id, manifest_id FROM (${branches.map((b) => `(${b.ids})`).join(" UNION ")}) u WHERE ${kept} LIMIT ${limit}),
          k AS MATERIALIZED (SELECT CASE WHEN (SELECT n FROM bound) <= ${NARROW_SEARCH} THEN (SELECT count(*) FROM few)${alone ? `
                                         WHEN (SELECT widest FROM bound) > ${NARROW_SEARCH} THEN ${limit}` : ""}
                                         ELSE (SELECT count(*) FROM m) END AS n)
     SELECT (SELECT n FROM k) AS n,
            CASE WHEN (SELECT n FROM bound) <= ${NARROW_SEARCH} THEN (SELECT string_agg(id::text, ',') FROM few)
                 WHEN (SELECT n FROM k) <= ${NARROW_SEARCH} THEN (SELECT string_agg(id::text, ',') FROM m) END AS ids,
            ${selected} AS selected`,
    where.params,
  );
  const row = result.rows[0];
  if (Number(row?.n ?? 0) <= NARROW_SEARCH) return row?.ids ? { idsText: row.ids } : NO_MATCH;
  return {
    sampleSelected: row?.selected === null || row?.selected === undefined ? undefined : Number(row.selected),
    names: filters.party && !filters.containerNumber && !filters.billOfLading ? names : undefined,
  };
}

/** No filter but the unit and the versions in force (a search alone). */
const isPlain = (where: SqlWhere) => where.clauses.every((c) => c === "st.unit_id = $1" || c === STATE_MANIFEST_IN_FORCE_SQL);

/** A container number as stored: upper case, no spaces or dashes. */
export const containerSearchText = (text: string) => text.toUpperCase().replace(/[\s-]/g, "");

/** The search part alone (container or B/L prefix, party name), for the "why nothing" hint. */
export function searchOnly(filters: QueueFilters): QueueFilters {
  return { containerNumber: filters.containerNumber, billOfLading: filters.billOfLading, party: filters.party, versions: filters.versions };
}

export function hasSearch(filters: QueueFilters): boolean {
  return Boolean(filters.containerNumber || filters.billOfLading || filters.party);
}

export function queueWhere(unitId: string, filters: QueueFilters): SqlWhere {
  const clauses: string[] = ["st.unit_id = $1"];
  const search: string[] = [];
  const arrival: string[] = [];
  const searchParams: string[] = [];
  const stateSearch: (string | undefined)[] = [];
  const params: unknown[] = [unitId];
  const add = (clause: (p: string) => string, value: unknown, to = clauses, onState?: (p: string) => string) => {
    params.push(value);
    to.push(clause(`$${params.length}`));
    if (to === search) {
      searchParams.push(`$${params.length}`);
      stateSearch.push(onState?.(`$${params.length}`));
    }
  };
  // A replaced or cancelled version's containers are no longer to be examined; its own page (by id) still lists them.
  if (filters.versions !== "all" && !filters.manifestId) clauses.push(STATE_MANIFEST_IN_FORCE_SQL);
  if (filters.flagged === true) clauses.push(EFFECTIVE_FLAGGED_SQL);
  if (filters.flagged === false) clauses.push(`NOT ${EFFECTIVE_FLAGGED_SQL}`);
  if (filters.band?.length) add((p) => `COALESCE(${EFFECTIVE_BAND_SQL}, 'none') = ANY(${p}::text[])`, filters.band);
  if (filters.minScore !== undefined) add((p) => `st.score >= ${p}`, filters.minScore);
  if (filters.status?.length) add((p) => `st.status = ANY(${p}::scoring_status[])`, filters.status);
  if (filters.decision?.length) add((p) => `st.decision = ANY(${p}::triage_decision[])`, filters.decision);
  if (filters.assignee === "none") clauses.push("st.assignee_id IS NULL");
  else if (filters.assignee !== undefined && isUuid(filters.assignee)) add((p) => `st.assignee_id = ${p}::uuid`, filters.assignee);
  if (filters.random !== undefined) add((p) => `st.random = ${p}`, filters.random);
  // Prefixes: an officer types the start of a number; the pattern indexes of 0020_triage serve it.
  // s.unit_id = $1 lets the planner use the (unit_id, number) pattern indexes.
  if (filters.containerNumber) {
    add((p) => `(s.unit_id = $1 AND s.container_number LIKE ${p})`, startingWith(containerSearchText(filters.containerNumber)), search,
      (p) => `st.container_number LIKE ${p}`);
  }
  if (filters.billOfLading) {
    add((p) => `(s.unit_id = $1 AND (s.bill_of_lading LIKE ${p} OR s.house_bill_of_lading LIKE ${p}))`, startingWith(filters.billOfLading.trim().toUpperCase()), search,
      (p) => `(st.bill_of_lading LIKE ${p} OR st.house_bill_of_lading LIKE ${p})`);
  }
  // A substring of either name, any case: searchMatches finds the names first (party_name), and this checks each row.
  if (filters.party) add((p) => `(s.unit_id = $1 AND (s.shipper_name ILIKE ${p} OR s.consignee_name ILIKE ${p}))`, containing(filters.party), search);
  if (filters.manifestId) add((p) => `st.manifest_id = ${p}::uuid`, filters.manifestId);
  if (filters.arrivalFrom) add((p) => `st.arrival_date >= ${p}::date`, filters.arrivalFrom);
  if (filters.arrivalTo) add((p) => `st.arrival_date <= ${p}::date`, filters.arrivalTo);
  arrival.push(...clauses.filter((c) => c.startsWith("st.arrival_date ")));
  return { clauses, search, searchParams, stateSearch, arrival, params };
}
