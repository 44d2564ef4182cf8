// Inputs of the referral use cases.
import { z } from "zod";
import { boundedDateTime } from "../iso-dates.js";
import { unitCodeSchema } from "../admin/admin-schemas.js";
import { COMMODITIES } from "../seizures/seizure-schemas.js";
import { CLOSE_OUTCOMES, NOTICE_TYPES, RECIPIENT_KINDS, REFERRAL_STATUSES } from "./referral-states.js";

export const createReferralSchema = z
  .strictObject({
    recipient: z.strictObject({
      kind: z.enum(RECIPIENT_KINDS),
      /** The service, office or team referred to, e.g. "DIRAN Guayas". */
      name: z.string().trim().min(2, "at least 2 characters").max(200).optional(),
      /** Required when kind is programme_unit: the receiving unit. */
      unitCode: unitCodeSchema.optional(),
      /** Only for interpol_ncb: the notice asked for. */
      noticeType: z.enum(NOTICE_TYPES).optional(),
    }),
    note: z.string().trim().max(4000).optional(),
  })
  .superRefine(({ recipient }, ctx) => {
    if (recipient.kind === "programme_unit" && !recipient.unitCode) {
      ctx.addIssue({ code: "custom", path: ["recipient", "unitCode"], message: "required when the recipient is another unit of the programme" });
    }
    if (recipient.kind !== "programme_unit" && recipient.unitCode) {
      ctx.addIssue({ code: "custom", path: ["recipient", "unitCode"], message: "only for a programme_unit recipient" });
    }
    if (recipient.kind !== "programme_unit" && !recipient.name) {
      ctx.addIssue({ code: "custom", path: ["recipient", "name"], message: "name the service referred to" });
    }
    if (recipient.noticeType && recipient.kind !== "interpol_ncb") {
      ctx.addIssue({ code: "custom", path: ["recipient", "noticeType"], message: "a notice is requested from the INTERPOL NCB only" });
    }
  });
export type CreateReferralInput = z.infer<typeof createReferralSchema>;

export const transitionSchema = z
  .strictObject({
    to: z.enum(REFERRAL_STATUSES),
    note: z.string().trim().max(4000).optional(),
    /** Required when closing. */
    outcome: z.enum(CLOSE_OUTCOMES).optional(),
    /** When it happened, if not now (e.g. the acknowledgement arrived yesterday). */
    at: boundedDateTime("expected an ISO 8601 date-time").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.to === "closed" && !value.outcome) ctx.addIssue({ code: "custom", path: ["outcome"], message: "required when closing a referral" });
    if (value.to !== "closed" && value.outcome) ctx.addIssue({ code: "custom", path: ["outcome"], message: "only when closing a referral" });
  });
export type TransitionInput = z.infer<typeof transitionSchema>;

export const noteSchema = z.strictObject({ note: z.string().trim().min(1, "write the update").max(4000) });

export const listReferralsSchema = z.strictObject({
  status: z.enum(REFERRAL_STATUSES).optional(),
  overdue: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  seizureId: z.uuid("expected a seizure id").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListReferralsInput = z.infer<typeof listReferralsSchema>;

/** A manager's referrals across their units (GET /v1/referrals): the unit list's filters, the units and a commodity. */
export const scopedReferralsSchema = z.strictObject({
  units: z
    .string()
    .transform((raw) => raw.split(",").map((v) => v.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(unitCodeSchema).max(200))
    .optional(),
  commodity: z.enum(COMMODITIES).optional(),
  status: listReferralsSchema.shape.status,
  overdue: listReferralsSchema.shape.overdue,
  limit: listReferralsSchema.shape.limit,
});
export type ScopedReferralsInput = z.infer<typeof scopedReferralsSchema>;
