// Inputs of the seizure use cases: the programme's commodity categories,
// concealment methods and detection methods.
import { z } from "zod";
import { boundedDate, boundedDateTime } from "../iso-dates.js";
import { isCountryCode } from "../../profiling/features/countries.js";

export const COMMODITIES = [
  "cocaine", "heroin", "cannabis", "opium", "psychotropics", "nps", "precursors", "strategic_goods",
  "cigarettes", "counterfeit", "wildlife_environment", "alcohol", "vehicles", "other",
] as const;
export const QUANTITY_UNITS = ["kg", "g", "t", "l", "ml", "units", "pieces", "packs", "sticks"] as const;
export const CONCEALMENTS = ["in_cargo", "in_structure", "in_reefer_unit", "rip_on_rip_off", "other"] as const;
export const DETECTION_METHODS = ["profile", "random", "intelligence", "tip_off", "canine", "scanner", "other"] as const;
export const SHIPMENT_PARTY_ROLES = ["shipper", "consignee", "notify", "forwarder", "declarant"] as const;

const country = z.string().toUpperCase().refine(isCountryCode, "not an ISO 3166 alpha-2 country code");

/** A party of the seizure: one of the shipment's declared parties, or a party named by the officer. */
const seizurePartySchema = z
  .strictObject({
    shipmentRole: z.enum(SHIPMENT_PARTY_ROLES).optional(),
    name: z.string().trim().min(2, "at least 2 characters").max(200).optional(),
    country: country.optional(),
    id: z.string().trim().min(1).max(60).optional(),
    address: z.string().trim().max(300).optional(),
    /** Role in the case (e.g. consignee, driver, broker). */
    role: z.string().trim().min(1).max(40).optional(),
  })
  .superRefine((party, ctx) => {
    if (!party.shipmentRole && !party.name) {
      ctx.addIssue({ code: "custom", path: ["name"], message: "name the party, or give the shipmentRole of one of the shipment's parties" });
    }
    if (party.shipmentRole && party.name) {
      ctx.addIssue({ code: "custom", path: ["shipmentRole"], message: "give either shipmentRole or name, not both" });
    }
  });
export type SeizurePartyInput = z.infer<typeof seizurePartySchema>;

export const recordSeizureSchema = z.strictObject({
  inspectionId: z.uuid("expected an inspection id"),
  commodity: z.enum(COMMODITIES),
  description: z.string().trim().max(2000).optional(),
  quantity: z.number().positive("must be greater than 0").max(1e12),
  quantityUnit: z.enum(QUANTITY_UNITS),
  concealment: z.enum(CONCEALMENTS),
  detectionMethod: z.enum(DETECTION_METHODS),
  /** Codes of the agencies involved. */
  agencies: z.array(z.string().trim().min(2).max(40)).max(20).default([]),
  personsArrested: z.number().int("a whole number").min(0).max(10_000).default(0),
  seizedAt: boundedDateTime("expected an ISO 8601 date-time").optional(),
  parties: z.array(seizurePartySchema).max(50).default([]),
});
export type RecordSeizureInput = z.infer<typeof recordSeizureSchema>;

export const listSeizuresSchema = z.strictObject({
  commodity: z.enum(COMMODITIES).optional(),
  from: boundedDate().optional(),
  to: boundedDate().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListSeizuresInput = z.infer<typeof listSeizuresSchema>;
