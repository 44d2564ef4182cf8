// What an analyst asks of a profile build, checked at the edge and again by
// the job (the row's params are stored JSON).
import { z } from "zod";
import { DRAFT_LANGUAGES } from "../../profiling/builder/draft-wording.js";
import { boundedDate } from "../iso-dates.js";

const isoDate = boundedDate();

export const profileBuildRequestSchema = z
  .strictObject({
    /** Inclusive range of the labelled history to learn from. */
    from: isoDate,
    to: isoDate,
    /**
     * First day of the held-out evaluation period (default: the most recent
     * ~20 % of the records). The profile is built on the records before it only.
     */
    evaluateFrom: isoDate.optional(),
    code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, "profile codes are 2–40 capitals, digits, '_' or '-'").optional(),
    name: z.string().trim().min(1).max(200).optional(),
    /** Store a profile refitted on the whole range (after the back-test) instead of the back-tested one. */
    refitOnAll: z.boolean().optional(),
    /**
     * Which records to learn from: the manifests the unit received and the
     * inspections its officers recorded ("manifests"), imported history files
     * ("imports"), or both ("all", the default).
     */
    sources: z.enum(["all", "manifests", "imports"], { message: "one of all, manifests, imports" }).optional(),
    /**
     * The analyst's interface language: the draft's generated name (when
     * `name` is not given) and rationale are written in it (default "en").
     */
    language: z.enum(DRAFT_LANGUAGES, { message: "one of en, es" }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.from > value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
    if (value.evaluateFrom !== undefined && (value.evaluateFrom <= value.from || value.evaluateFrom > value.to)) {
      ctx.addIssue({ code: "custom", path: ["evaluateFrom"], message: "must be after from and not after to, so both periods hold records" });
    }
  });

export type ProfileBuildRequest = z.infer<typeof profileBuildRequestSchema>;
