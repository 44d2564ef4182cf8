// Query parameters of the officer queue, shared by its page (shipments.ts)
// and its counts (triage.ts) so both filter the same way.
import { z } from "zod";
import { boundedDate } from "../../core/iso-dates.js";
import { DECISIONS } from "../../core/shipments/queue-filters.js";

/** `a,b` or repeated `?band=a&band=b`. */
const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((raw) => (Array.isArray(raw) ? raw : raw.split(",")).map((v) => v.trim().toLowerCase()).filter(Boolean));

export const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const date = boundedDate();

/** The filters shared by the queue's page and its counts. */
export const queueFilterFields = {
  flagged: booleanFlag.optional(),
  band: commaList.pipe(z.array(z.enum(["high", "medium", "low", "none"]))).optional(),
  status: commaList.pipe(z.array(z.enum(["pending", "scored", "failed"]))).optional(),
  decision: commaList.pipe(z.array(z.enum(DECISIONS))).optional(),
  assignee: z.union([z.literal("me"), z.literal("none"), z.uuid("expected a user id, me or none")]).optional(),
  random: booleanFlag.optional(),
  minScore: z.coerce.number().finite().optional(),
  containerNumber: z.string().trim().min(1, "at least 1 character").max(20).optional(),
  billOfLading: z.string().trim().min(1, "at least 1 character").max(35).optional(),
  party: z.string().min(2, "at least 2 characters").max(100).optional(),
  manifestId: z.uuid("expected a manifest id").optional(),
  arrivalFrom: date.optional(),
  arrivalTo: date.optional(),
  versions: z.enum(["current", "all"], "expected current or all").optional(),
};

