// Request shapes of the watchlist API. Entry values are checked against the
// list's kind in the use case (the kind is only known once the list is found).
import { z } from "zod";
import { boundedDate, boundedDateTime } from "../iso-dates.js";

export const WATCHLIST_KINDS = ["party", "address", "port", "hs", "text"] as const;
export const MAX_ENTRIES_PER_REQUEST = 1_000;
/** Values one paste may add at once (blank lines not counted). */
export const MAX_BULK_LINES = 5_000;
export const MAX_VALUE_LENGTH = 500;

/** The code profiles use in `inList` (profiling/dsl/profile-schema.ts). */
export const watchlistCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,63}$/, "2-64 capitals, digits, '_' or '-' (the code profiles use in inList)"));

export const createWatchlistSchema = z.strictObject({
  code: watchlistCode,
  name: z.string().trim().min(1, "must not be empty").max(200),
  kind: z.enum(WATCHLIST_KINDS),
});
export type CreateWatchlistInput = z.infer<typeof createWatchlistSchema>;

/**
 * A list's name can change; its code cannot (profiles find the list by it).
 * The code may be sent back unchanged, e.g. by a client that sends the whole list.
 */
export const updateWatchlistSchema = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(200),
  code: z.string().trim().optional(),
});
export type UpdateWatchlistInput = z.infer<typeof updateWatchlistSchema>;

/** An instant, or a date meaning its start (UTC). */
const expiry = boundedDateTime().or(boundedDate());

export const addEntriesSchema = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        value: z.string().trim().min(1, "must not be empty").max(MAX_VALUE_LENGTH),
        /** Why it is listed: analyst entry, seizure id, alert id... */
        provenance: z.string().trim().min(1).max(500).optional(),
        /** After this instant the entry no longer matches (a date means its start, UTC). */
        expiresAt: expiry.optional(),
      }),
    )
    .min(1, "at least one entry")
    .max(MAX_ENTRIES_PER_REQUEST, `at most ${MAX_ENTRIES_PER_REQUEST} entries per request`),
});
export type AddEntriesInput = z.infer<typeof addEntriesSchema>;

export const listEntriesQuery = z.strictObject({
  includeExpired: z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1").default(false),
  limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
  /** Part of the value (as entered or normalised) or of the provenance, any case. */
  search: z.string().trim().max(200, "at most 200 characters").optional(),
  /** nextCursor of the previous page. */
  cursor: z.string().max(2_000).optional(),
});
export type ListEntriesQuery = z.infer<typeof listEntriesQuery>;

/** An entry's reason and end: null clears one; what is left out stays as it is. */
export const updateEntrySchema = z
  .strictObject({
    provenance: z.string().trim().min(1, "must not be empty (send null to clear it)").max(500).nullable().optional(),
    expiresAt: expiry.nullable().optional(),
  })
  .refine((v) => v.provenance !== undefined || v.expiresAt !== undefined, { message: "nothing to change: send provenance, expiresAt or both", path: [] });
export type UpdateEntryInput = z.infer<typeof updateEntrySchema>;

/** The reason and end given once for every value of a pasted block (the body, text/plain). */
export const bulkAddQuery = z.strictObject({
  provenance: z.string().trim().min(1).max(500).optional(),
  expiresAt: expiry.optional(),
});
export type BulkAddQuery = z.infer<typeof bulkAddQuery>;
