// Use case: the unit's recent profile builds, newest first, for the build
// screen to list and reopen. A build's result holds its whole report (every
// indicator learned); the list reads only its headline figures out of it.
// A page at a time, keyset on (created_at, id) like the manifests' nextCursor;
// the cursor carries the start time as PostgreSQL prints it (to the
// microsecond, though the column keeps milliseconds), so it stays exact
// should the column's precision grow; builds started in the same instant are
// told apart by id.
import { z } from "zod";
import type { StoredJobFailure } from "../analysis/job-failure.js";
import type { UnitScope } from "../auth/principal.js";
import { cursorParts, encodeCursor, refusedCursor } from "../cursor-parts.js";
import { isUuid } from "../ids.js";
import type { Services } from "../services.js";

const STATUSES = ["queued", "running", "succeeded", "failed"] as const;

const LIMIT = "expected a whole number from 1 to 100";

export const listProfileBuildsSchema = z.strictObject({
  status: z.enum(STATUSES, { message: "one of queued, running, succeeded, failed" }).optional(),
  /** How many builds, newest first (default 20). */
  limit: z.coerce.number({ message: LIMIT }).int(LIMIT).min(1, LIMIT).max(100, LIMIT).default(20),
  /** nextCursor of the previous page (same status filter). */
  cursor: z.string().max(400).optional(),
});
export type ListProfileBuildsInput = z.infer<typeof listProfileBuildsSchema>;

export interface ProfileBuildSummary {
  /** The analysis job's id (GET /v1/units/{unit}/analysis-jobs/{id} has the whole result). */
  id: string;
  status: (typeof STATUSES)[number];
  progress: number;
  /** What was asked: period, evaluation day, sources, code and name as sent. */
  request: Record<string, unknown>;
  startedBy: { username: string; displayName: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** A succeeded build's draft and its held-out figures; null otherwise. */
  headline: {
    profileCode: string;
    version: number;
    evaluationRecords: number | null;
    hits: number | null;
    precision: number | null;
    recall: number | null;
  } | null;
  /** A failed build's failure code and parameters (null: none, see `error`). */
  failure: StoredJobFailure | null;
  error: string | null;
}

interface After {
  /** The build's created_at to the microsecond, UTC: 2026-03-01T10:00:00.123456Z. */
  createdAt: string;
  id: string;
}

/** created_at as the cursor holds it (to the microsecond, in UTC). */
const CREATED_AT_TEXT = `to_char(j.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}\.(\d{6})Z$/;

const encodeAfter = (after: After) => encodeCursor([after.createdAt, after.id]);

function decodeCursor(text: string): After {
  const [createdAt, id] = cursorParts(text, 2);
  if (typeof createdAt !== "string" || typeof id !== "string" || !isUuid(id)) throw refusedCursor();
  // A real instant (PostgreSQL would refuse the 45th of a 13th month with a 500, not a 400).
  const time = CURSOR_TIME.exec(createdAt);
  const ms = Date.parse(createdAt.replace(/\.(\d{3})\d{3}Z$/, ".$1Z"));
  if (!time || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== time[1]) throw refusedCursor();
  return { createdAt, id };
}

interface Row {
  id: string;
  created_at_text: string;
  status: ProfileBuildSummary["status"];
  progress: number;
  params: Record<string, unknown> | null;
  username: string | null;
  display_name: string | null;
  created_at: Date;
  finished_at: Date | null;
  profile_code: string | null;
  version: number | null;
  evaluation_records: number | null;
  hits: number | null;
  precision: number | null;
  recall: number | null;
  failure: ProfileBuildSummary["failure"];
  error: string | null;
}

const num = (path: string) => `CASE WHEN jsonb_typeof(j.result #> '${path}') = 'number' THEN (j.result #>> '${path}')::float8 END`;

export async function listProfileBuilds(services: Pick<Services, "pool">, unit: UnitScope, input: ListProfileBuildsInput): Promise<{ items: ProfileBuildSummary[]; nextCursor: string | null }> {
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  const params: unknown[] = [unit.id, input.status ?? null, input.limit + 1];
  let keyset = "";
  if (after) {
    params.push(after.createdAt, after.id);
    keyset = "AND (j.created_at, j.id) < ($4::timestamptz, $5::uuid)";
  }
  // analysis_job (unit_id, created_at) walks the unit's jobs newest first; other kinds are few and skipped.
  const read = await services.pool.query<Row>(
    `SELECT j.id, ${CREATED_AT_TEXT} AS created_at_text, j.status, j.progress, j.params, u.username, u.display_name, j.created_at, j.finished_at, j.error,
            CASE WHEN j.status = 'succeeded' THEN j.result #>> '{profile,code}' END AS profile_code,
            CASE WHEN j.status = 'succeeded' THEN ${num("{profile,version}")}::int END AS version,
            CASE WHEN j.status = 'succeeded' THEN ${num("{backtest,evaluationRecords}")} END AS evaluation_records,
            CASE WHEN j.status = 'succeeded' THEN ${num("{backtest,hits}")} END AS hits,
            CASE WHEN j.status = 'succeeded' THEN ${num("{backtest,selected,precision}")} END AS precision,
            CASE WHEN j.status = 'succeeded' THEN ${num("{backtest,selected,recall}")} END AS recall,
            CASE WHEN j.status = 'failed' THEN j.result -> 'failure' END AS failure
       FROM analysis_job j
       LEFT JOIN app_user u ON u.id = j.created_by
      WHERE j.unit_id = $1 AND j.kind = 'build' AND ($2::analysis_status IS NULL OR j.status = $2::analysis_status) ${keyset}
      ORDER BY j.created_at DESC, j.id DESC
      LIMIT $3`,
    params,
  );
  const rows = read.rows.slice(0, input.limit);
  const last = rows[rows.length - 1];
  return {
    nextCursor: read.rows.length > input.limit && last ? encodeAfter({ createdAt: last.created_at_text, id: last.id }) : null,
    items: rows.map((row) => ({
      id: row.id,
      status: row.status,
      progress: row.progress,
      request: row.params ?? {},
      startedBy: row.username === null ? null : { username: row.username, displayName: row.display_name ?? row.username },
      createdAt: row.created_at,
      finishedAt: row.finished_at,
      headline:
        row.status === "succeeded" && row.profile_code !== null && row.version !== null
          ? { profileCode: row.profile_code, version: row.version, evaluationRecords: row.evaluation_records, hits: row.hits, precision: row.precision, recall: row.recall }
          : null,
      failure: row.failure ?? null,
      error: row.status === "failed" ? row.error : null,
    })),
  };
}
