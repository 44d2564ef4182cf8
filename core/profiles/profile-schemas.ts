// Request shapes of the analyst profile API (the profile document itself is
// checked by profiling/dsl/validate.ts, which names profile paths).
import { z } from "zod";
import { boundedDate, boundedDateTime } from "../iso-dates.js";
import { shipmentSchema } from "../manifests/manifest-schema.js";
import { identifierChecks } from "../manifests/identifier-checks.js";

export const MAX_SAMPLE_SHIPMENTS = 1_000;

const isoDate = boundedDate();
const isoDateTime = boundedDateTime();
const upper = (max: number, check: (value: string) => string | null) =>
  z.string().trim().min(1, "must not be empty").max(max).transform((v) => v.toUpperCase()).superRefine((value, ctx) => {
    const reason = check(value);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });
const locode = upper(5, identifierChecks.locode);

/** A stored version, or a document not saved yet. */
export const profileRefSchema = z
  .strictObject({
    profileCode: z.string().min(1).max(40).optional(),
    version: z.number().int().positive().optional(),
    definition: z.unknown().optional(),
  })
  .superRefine((ref, ctx) => {
    const stored = ref.profileCode !== undefined || ref.version !== undefined;
    if (stored && ref.definition !== undefined) ctx.addIssue({ code: "custom", message: "give either profileCode and version, or definition" });
    else if (!stored && ref.definition === undefined) ctx.addIssue({ code: "custom", message: "give profileCode and version, or a definition" });
    else if (stored && ref.profileCode === undefined) ctx.addIssue({ code: "custom", path: ["profileCode"], message: "required with version" });
    else if (stored && ref.version === undefined) ctx.addIssue({ code: "custom", path: ["version"], message: "required with profileCode" });
  });
export type ProfileRefInput = z.infer<typeof profileRefSchema>;

/** Voyage data shared by a posted sample's shipments (the manifest's top-level fields). */
export const sampleVoyageSchema = z.strictObject({
  transportMode: z.enum(["sea", "air", "road", "rail"]).default("sea"),
  manifestRef: z.string().trim().min(1).max(64).optional(),
  carrierScac: z.string().trim().min(2).max(4).optional(),
  vesselImo: z.string().trim().max(10).optional(),
  vesselName: z.string().trim().max(100).optional(),
  voyage: z.string().trim().max(20).optional(),
  portOfLoading: locode.optional(),
  transshipmentPorts: z.array(locode).max(10, "at most 10 transshipment ports").default([]),
  portOfDischarge: locode.optional(),
  departureDate: isoDate.optional(),
  arrivalDate: isoDate.optional(),
  manifestFiledAt: isoDateTime.optional(),
  manifestAmendedAt: isoDateTime.optional(),
});
export type SampleVoyage = z.infer<typeof sampleVoyageSchema>;

const DEFAULT_RECENT_SHIPMENTS = 200;

const dryRunTarget = {
  shipmentId: z.uuid("expected a shipment id").optional(),
  /** The unit's latest manifest shipments (by arrival date), as stored: "how would this profile have scored last week?" */
  recent: z
    .strictObject({
      limit: z.number().int("a whole number").min(1, "at least 1").max(MAX_SAMPLE_SHIPMENTS, `at most ${MAX_SAMPLE_SHIPMENTS}`).default(DEFAULT_RECENT_SHIPMENTS),
    })
    .optional(),
  sample: z
    .strictObject({
      voyage: sampleVoyageSchema.default({ transportMode: "sea", transshipmentPorts: [] }),
      shipments: z.array(shipmentSchema).min(1, "at least one shipment").max(MAX_SAMPLE_SHIPMENTS, `at most ${MAX_SAMPLE_SHIPMENTS} shipments`),
    })
    .optional(),
};

const oneTarget = (body: { shipmentId?: unknown; sample?: unknown; recent?: unknown }, ctx: z.RefinementCtx) => {
  if ([body.shipmentId, body.sample, body.recent].filter((target) => target !== undefined).length !== 1) {
    ctx.addIssue({ code: "custom", path: ["shipmentId"], message: "give one of shipmentId, sample or recent" });
  }
};

/** Dry-run of a stored version: the version is in the URL. */
export const dryRunVersionSchema = z.strictObject(dryRunTarget).superRefine(oneTarget);

/** Dry-run of a document that is not saved. */
export const dryRunDefinitionSchema = z
  .strictObject({ definition: z.unknown().refine((v) => v !== undefined, "required"), ...dryRunTarget })
  .superRefine(oneTarget);
export type DryRunTargetInput = z.infer<typeof dryRunVersionSchema>;

export const activateSchema = z.strictObject({
  /** Score the unit's manifest shipments arriving today or later again, with the new version. */
  rescoreUpcoming: z.boolean().default(false),
});

export const retireSchema = activateSchema;

const dateRange = {
  from: isoDate.optional(),
  to: isoDate.optional(),
};
const orderedRange = (range: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (range.from && range.to && range.from > range.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
};

export const backtestSchema = z.strictObject({ profile: profileRefSchema, ...dateRange }).superRefine(orderedRange);
export const compareSchema = z.strictObject({ baseline: profileRefSchema, candidate: profileRefSchema, ...dateRange }).superRefine(orderedRange);

export const diffQuery = z.strictObject({
  from: z.coerce.number().int().positive("a version number"),
  to: z.coerce.number().int().positive("a version number"),
});

export const performanceQuery = z.strictObject(dateRange).superRefine(orderedRange);
