// Request shapes of the watchlist API. Entry values are checked against the
// list's kind in the use case (the kind is only known once the list is found).
import { z } from "zod";

export const WATCHLIST_KINDS = ["party", "address", "port", "hs", "text"] as const;
export const MAX_ENTRIES_PER_REQUEST = 1_000;

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

export const addEntriesSchema = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        value: z.string().trim().min(1, "must not be empty").max(500),
        /** Why it is listed: analyst entry, seizure id, alert id... */
        provenance: z.string().trim().min(1).max(500).optional(),
        /** After this instant the entry no longer matches (a date means its start, UTC). */
        expiresAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
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
