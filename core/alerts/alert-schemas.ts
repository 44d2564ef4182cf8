// Inputs of the inter-unit alert use cases. The subject is normalised here to
// the form shipments are stored in, so matching is an equality in SQL.
import { z } from "zod";
import { boundedDateTime } from "../iso-dates.js";
import { unitCodeSchema } from "../admin/admin-schemas.js";
import { isCountryCode } from "../../profiling/features/countries.js";
import { normalizeContainerNumber, validateContainerNumber } from "../../profiling/features/iso6346.js";
import { isLocode, normalizeLocode } from "../../profiling/features/locode.js";

const containerNumber = z
  .string()
  .transform(normalizeContainerNumber)
  .superRefine((value, ctx) => {
    const problem = validateContainerNumber(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const locode = z.string().transform(normalizeLocode).refine(isLocode, "not a UN/LOCODE");

export const alertSubjectSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("container"), containerNumber }),
  z.strictObject({ kind: z.literal("bill_of_lading"), billOfLading: z.string().trim().toUpperCase().regex(/^[A-Z0-9-]{4,35}$/, "4-35 letters and digits") }),
  z.strictObject({
    kind: z.literal("party"),
    name: z.string().trim().min(2, "at least 2 characters").max(200),
    country: z.string().toUpperCase().refine(isCountryCode, "not an ISO 3166 alpha-2 country code").optional(),
  }),
  z.strictObject({ kind: z.literal("route"), portOfLoading: locode, portOfDischarge: locode }),
  z.strictObject({ kind: z.literal("seizure_report") }),
]);
export type AlertSubjectInput = z.infer<typeof alertSubjectSchema>;

export const sendAlertSchema = z
  .strictObject({
    subject: alertSubjectSchema,
    message: z.string().trim().min(1, "say why the units should look").max(4000),
    /** Codes of the receiving units (same programme). */
    recipients: z.array(unitCodeSchema).min(1, "send the alert to at least one unit").max(100),
    /** A seizure of the sending unit to share with the alert. */
    seizureId: z.uuid("expected a seizure id").optional(),
    expiresAt: boundedDateTime("expected an ISO 8601 date-time").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.subject.kind === "seizure_report" && !value.seizureId) {
      ctx.addIssue({ code: "custom", path: ["seizureId"], message: "a seizure report shares one of your seizures: give its id" });
    }
  });
export type SendAlertInput = z.infer<typeof sendAlertSchema>;

export const listAlertsSchema = z.strictObject({
  box: z.enum(["inbox", "sent"]).default("inbox"),
  unacknowledged: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListAlertsInput = z.infer<typeof listAlertsSchema>;

export const replySchema = z.strictObject({ message: z.string().trim().min(1, "write a reply").max(4000) });

/** What shipments are compared with: null for a seizure report, which flags nothing. */
export function matchKeyOf(subject: AlertSubjectInput, normalizeName: (name: string) => string): { key: string | null; country: string | null } {
  switch (subject.kind) {
    case "container":
      return { key: subject.containerNumber, country: null };
    case "bill_of_lading":
      return { key: subject.billOfLading, country: null };
    case "party":
      return { key: normalizeName(subject.name), country: subject.country ?? null };
    case "route":
      return { key: `${subject.portOfLoading}>${subject.portOfDischarge}`, country: null };
    case "seizure_report":
      return { key: null, country: null };
  }
}
