// Who wrote a profile version, by name. profile_version.created_by is text:
// the author's user name (the editor, and builds since they stored it), an
// app_user id (builds before that), or a label for what installed it
// ("system" for the baselines). The listings join app_user on either, so an
// old build's author comes back by name; an id that names no user is never
// shown, the client says "unknown user" instead.
import type { Pool, PoolClient } from "../db/pool.js";
import { isUuid } from "../ids.js";

/** Joins `app_user a` to the versions `v` on their stored author, an id or a user name. */
export const AUTHOR_JOIN = `LEFT JOIN app_user a
  ON a.id = CASE WHEN v.created_by ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN v.created_by::uuid END
  OR a.username = v.created_by`;
export const AUTHOR_COLUMNS = "a.username AS author_username, a.display_name AS author_name";

export interface AuthorColumns {
  created_by: string | null;
  author_username: string | null;
  author_name: string | null;
}

export interface VersionAuthor {
  /** The author's user name, or the label that installed it; null when unknown. Never an id. */
  createdBy: string | null;
  /** The author's display name (a label as is); null when unknown. */
  createdByName: string | null;
}

export function versionAuthor(row: AuthorColumns): VersionAuthor {
  if (row.author_username !== null) return { createdBy: row.author_username, createdByName: row.author_name };
  if (row.created_by === null || isUuid(row.created_by)) return { createdBy: null, createdByName: null };
  return { createdBy: row.created_by, createdByName: row.created_by };
}

/** One version's author, read by the same join as the listings'. */
export async function authorOf(db: Pool | PoolClient, createdBy: string | null): Promise<VersionAuthor> {
  const found = await db.query<AuthorColumns>(`SELECT v.created_by, ${AUTHOR_COLUMNS} FROM (SELECT $1::text AS created_by) v ${AUTHOR_JOIN} LIMIT 1`, [createdBy]);
  return versionAuthor(found.rows[0] ?? { created_by: createdBy, author_username: null, author_name: null });
}
