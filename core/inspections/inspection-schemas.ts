// Inputs of the inspection use cases, validated at the edge.
import { z } from "zod";
import { boundedDate, boundedDateTime } from "../iso-dates.js";

export const INSPECTION_OUTCOMES = ["nothing_found", "seizure", "irregularity"] as const;
export const SHARING_LEVELS = ["unit", "agency"] as const;

const timestamp = boundedDateTime("expected an ISO 8601 date-time such as 2026-12-08T14:30:00Z");

export const recordInspectionSchema = z
  .strictObject({
    shipmentId: z.uuid("expected a shipment id"),
    scanned: z.boolean(),
    physicallyExamined: z.boolean(),
    documentary: z.boolean().default(false),
    /** Officers or team who did the inspection, as the unit writes them. */
    inspectedBy: z.string().trim().min(1, "who inspected the container").max(200),
    inspectedAt: timestamp,
    outcome: z.enum(INSPECTION_OUTCOMES),
    notes: z.string().trim().max(4000).optional(),
    sharing: z.enum(SHARING_LEVELS).default("unit"),
  })
  .superRefine((value, ctx) => {
    if (!value.scanned && !value.physicallyExamined && !value.documentary) {
      ctx.addIssue({ code: "custom", path: ["scanned"], message: "an inspection is a scan, a physical examination or a documentary check: set at least one" });
    }
  });
export type RecordInspectionInput = z.infer<typeof recordInspectionSchema>;

export const listInspectionsSchema = z.strictObject({
  outcome: z.enum(INSPECTION_OUTCOMES).optional(),
  shipmentId: z.uuid("expected a shipment id").optional(),
  from: boundedDate().optional(),
  to: boundedDate().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListInspectionsInput = z.infer<typeof listInspectionsSchema>;
