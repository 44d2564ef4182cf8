// The public shape of a manifest (shared/design/manifest.example.json): its
// field names are the contract carriers' systems are written against. Fields
// added for users are optional; none is renamed. Unknown fields are refused
// rather than dropped: extra data belongs in `attributes`.
import { z } from "zod";
import { boundedDate, boundedDateTime } from "../iso-dates.js";
import { identifierChecks as check } from "./identifier-checks.js";

const trimmed = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `at most ${max} characters`);

/**
 * A string refined by a validator that returns null or the reason it is wrong.
 * Built from checks only (trim, upper-casing and the validator run in place):
 * a `.transform` would wrap every identifier of a 20,000-shipment manifest in
 * a pipe, which tripled validation time. A failed length check stops the rest
 * so an empty value is not also reported as a malformed identifier.
 */
const checked = (max: number, validate: (value: string) => string | null) =>
  z
    .string()
    .trim()
    .min(1, { message: "must not be empty", abort: true })
    .max(max, { message: `at most ${max} characters`, abort: true })
    .toUpperCase()
    .superRefine((value, ctx) => {
      const reason = validate(value);
      if (reason) ctx.addIssue({ code: "custom", message: reason });
    });

const isoDate = boundedDate();
const isoDateTime = boundedDateTime();

const locode = checked(5, check.locode);
const country = checked(2, check.country);
const currency = checked(3, check.currency);

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
export const attributeKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, "attribute names are 1-64 letters, digits, _ . - starting with a letter")
  .refine((key) => !FORBIDDEN_KEYS.has(key), "reserved name");
const attributes = z
  .record(attributeKey, z.union([z.string().max(2_000), z.number().finite(), z.boolean(), z.null()]))
  .refine((map) => Object.keys(map).length <= 100, "at most 100 attributes")
  // Sorted, so the parsed manifest serialises the same whatever order the sender used.
  .overwrite((map) => Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

export const partySchema = z.strictObject({
  name: trimmed(300),
  address: trimmed(500).optional(),
  country: country.optional(),
  id: trimmed(64).optional(),
});

const money = z.strictObject({
  amount: z.number().finite().nonnegative("must not be negative").max(1e12, "implausibly large"),
  currency,
});

const weightKg = z.number().finite().nonnegative("must not be negative").max(200_000, "above any container's gross weight");

export const shipmentSchema = z.strictObject({
  billOfLading: trimmed(35),
  houseBillOfLading: trimmed(35).optional(),
  containerNumber: trimmed(20).overwrite((value) => value.toUpperCase().replace(/[\s-]/g, "")).optional(),
  containerType: checked(4, check.containerType).optional(),
  sealNumbers: z.array(trimmed(30)).max(10, "at most 10 seals").default([]),
  isEmpty: z.boolean().default(false),
  shipper: partySchema.optional(),
  consignee: partySchema.optional(),
  notifyParty: partySchema.optional(),
  forwarder: partySchema.optional(),
  declarant: partySchema.optional(),
  hsCodes: z.array(checked(10, check.hsCode)).max(50, "at most 50 HS codes").default([]),
  goodsDescription: trimmed(2_000).optional(),
  packages: z.number().int("must be a whole number").nonnegative().max(1_000_000).optional(),
  packageType: trimmed(5).optional(),
  grossWeightKg: weightKg.optional(),
  netWeightKg: weightKg.optional(),
  declaredValue: money.optional(),
  countryOfOrigin: country.optional(),
  countryOfDeparture: country.optional(),
  freightTerms: z.enum(["prepaid", "collect"]).optional(),
  bookingDate: isoDate.optional(),
  stuffingLocation: trimmed(200).optional(),
  placeOfDelivery: trimmed(100).optional(),
  attributes: attributes.default({}),
});

export type ManifestShipment = z.infer<typeof shipmentSchema>;

/**
 * The voyage-level fields of a manifest, as a shape: the manifest wraps them
 * around its `shipments`, and a history line (core/history) carries them
 * inline beside one shipment, so both validate them the same way.
 */
export const voyageShape = {
  manifestRef: trimmed(64).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "letters, digits and . _ / - only"),
  transportMode: z.enum(["sea", "air", "road", "rail"]).default("sea"),
  carrier: z.strictObject({ scac: checked(4, check.scac).optional(), name: trimmed(200).optional() }).optional(),
  vessel: z.strictObject({ imo: checked(10, check.imo), name: trimmed(100), voyage: trimmed(20).optional() }).optional(),
  flightNumber: trimmed(10).regex(/^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/i, "expected an IATA flight number such as EK202").optional(),
  portOfLoading: locode,
  transshipmentPorts: z.array(locode).max(10, "at most 10 transshipment ports").default([]),
  portOfDischarge: locode,
  departureDate: isoDate.optional(),
  arrivalDate: isoDate,
  manifestFiledAt: isoDateTime.optional(),
  manifestAmendedAt: isoDateTime.optional(),
};

function manifestObject(maxShipments: number) {
  return z.strictObject({
      ...voyageShape,
      shipments: z
        .array(shipmentSchema)
        .min(1, "a manifest carries at least one shipment")
        .max(maxShipments, `at most ${maxShipments} shipments per manifest`),
  });
}

export type ManifestInput = z.infer<ReturnType<typeof manifestObject>>;

export function manifestSchema(maxShipments: number) {
  return manifestObject(maxShipments).superRefine((manifest, ctx) => crossFieldChecks(manifest, ctx));
}

type Issue = (path: (string | number)[], message: string) => void;
type Voyage = Pick<ManifestInput, "transportMode" | "portOfLoading" | "portOfDischarge" | "transshipmentPorts" | "departureDate"> & { arrivalDate?: string | undefined };

/** Voyage rules over several fields (dates, ports); the history line reader applies them too. */
export function voyageChecks(voyage: Voyage, issue: Issue): void {
  if (voyage.departureDate && voyage.arrivalDate && voyage.departureDate > voyage.arrivalDate) {
    issue(["arrivalDate"], "must not be before departureDate");
  }
  if (voyage.portOfLoading === voyage.portOfDischarge && voyage.transshipmentPorts.length === 0) {
    issue(["portOfDischarge"], "must differ from portOfLoading");
  }
}

/** One shipment's rules over several fields (mode-specific identifiers, weights); `at` places a field in the document. */
export function shipmentChecks(shipment: ManifestShipment, transportMode: ManifestInput["transportMode"], issue: Issue, at: (field: string) => (string | number)[]): void {
  if (transportMode === "air") {
    const reason = check.airWaybill(shipment.billOfLading);
    if (reason) issue(at("billOfLading"), reason);
    if (shipment.containerNumber) {
      const uld = check.uld(shipment.containerNumber);
      if (uld) issue(at("containerNumber"), uld);
    }
  } else if (!shipment.containerNumber) {
    if (!shipment.isEmpty || transportMode === "sea") issue(at("containerNumber"), "required for a containerised shipment");
  } else {
    const reason = check.containerNumber(shipment.containerNumber);
    if (reason) issue(at("containerNumber"), reason);
  }
  if (!shipment.isEmpty && shipment.hsCodes.length === 0 && !shipment.goodsDescription) {
    issue(at("hsCodes"), "a full container needs HS codes or a goods description");
  }
  if (shipment.netWeightKg !== undefined && shipment.grossWeightKg !== undefined && shipment.netWeightKg > shipment.grossWeightKg) {
    issue(at("netWeightKg"), "must not exceed grossWeightKg");
  }
}

function crossFieldChecks(manifest: ManifestInput, ctx: z.RefinementCtx): void {
  manifestRules(manifest, (path, message) => ctx.addIssue({ code: "custom", path, message }));
}

/** Rules that involve several fields: mode-specific identifiers, dates, duplicates (also run by fast-manifest.ts). */
export function manifestRules(manifest: ManifestInput, issue: Issue): void {
  const sea = manifest.transportMode === "sea";
  if (sea && !manifest.vessel) issue(["vessel"], "required for a sea manifest");
  if (manifest.transportMode === "air" && !manifest.flightNumber) issue(["flightNumber"], "required for an air manifest");
  voyageChecks(manifest, issue);
  const seen = new Map<string, number>();
  // One `at` for the whole loop, reading the current index (issues are reported at once): a closure per
  // shipment was 15,000 functions for a mega-vessel, each also named at run time under tsx (esbuild's keepNames).
  let index = 0;
  const at = (field: string) => ["shipments", index, field];
  for (; index < manifest.shipments.length; index += 1) {
    const shipment = manifest.shipments[index]!;
    shipmentChecks(shipment, manifest.transportMode, issue, at);
    // Consolidations: several house bills under one master share a container or pallet.
    const key = `${shipment.billOfLading}\u0000${shipment.houseBillOfLading ?? ""}\u0000${shipment.containerNumber ?? ""}`;
    const first = seen.get(key);
    if (first !== undefined) issue(at("containerNumber"), `same bill of lading, house bill and container as shipments[${first}]`);
    else seen.set(key, index);
  }
}
