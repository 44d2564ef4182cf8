// The fields a custom column mapping ("target field → source column") can
// fill: every field of the manifest contract's shipment and voyage, every
// party's id/name/address/country, the inspection outcome, and free
// `attributes.<name>` targets. The web form offers the same list
// (web/src/history-upload.ts MAPPING_TARGETS, checked by a unit test).
import { z } from "zod";
import { COMMODITIES } from "../../profiling/dsl/profile-types.js";
import { AppError, type FieldError } from "../errors.js";
import { attributeKey } from "../manifests/manifest-schema.js";
import { QUANTITY_UNITS } from "../seizures/seizure-schemas.js";

const LIST = "a list: values separated by ; or | or ,";

const party = <R extends string>(role: R, label: string) =>
  ({
    [`${role}Id`]: `${label}'s id`,
    [`${role}Name`]: `${label}'s name`,
    [`${role}Address`]: `${label}'s address`,
    [`${role}Country`]: `${label}'s country, ISO 3166 alpha-2`,
  }) as Record<`${R}${"Id" | "Name" | "Address" | "Country"}`, string>;

/** Target → what the column holds. The order is the form's order; the first three are required. */
export const TARGETS = {
  externalRef: "the record's own id (required)",
  date: "declaration or arrival date, YYYY-MM-DD (required): stored as the arrival date",
  outcome: "inspection outcome: seizure, irregularity, nothing_found, 1/0, yes/no, true/false, or not_inspected (required)",
  commodity: `seized commodity: ${COMMODITIES.join(", ")}`,
  quantity: "seized quantity (a number > 0; with quantityUnit)",
  quantityUnit: `unit of the seized quantity: ${QUANTITY_UNITS.join(", ")}`,
  selectedBy: "why the box was opened: random, profile, officer, intelligence, unknown",
  inspectedAt: "inspection date, YYYY-MM-DD (default: date)",
  billOfLading: "bill of lading or air waybill",
  houseBillOfLading: "house bill of lading",
  containerNumber: "container number",
  containerType: "ISO 6346 size-type code, e.g. 45R1",
  sealNumbers: `seal numbers, ${LIST}`,
  isEmpty: "empty container: 1/0, yes/no, true/false",
  transportMode: "sea, air, road or rail",
  manifestRef: "manifest reference",
  carrierScac: "carrier SCAC code",
  carrierName: "carrier name",
  vesselImo: "vessel IMO number",
  vesselName: "vessel name",
  voyage: "voyage number",
  flightNumber: "IATA flight number (air)",
  departureDate: "departure date, YYYY-MM-DD",
  manifestFiledAt: "when the manifest was filed, ISO 8601 date-time",
  manifestAmendedAt: "when the manifest was last amended, ISO 8601 date-time",
  portOfLoading: "UN/LOCODE",
  transshipmentPorts: `UN/LOCODEs, ${LIST}`,
  portOfDischarge: "UN/LOCODE",
  placeOfDelivery: "place of delivery",
  hsCode: "HS code (4 to 10 digits)",
  hsCodes: `HS codes, ${LIST}`,
  goodsDescription: "goods description",
  packages: "number of packages",
  packageType: "package type code",
  countryOfOrigin: "ISO 3166 alpha-2",
  countryOfDeparture: "ISO 3166 alpha-2",
  ...party("shipper", "shipper"),
  ...party("consignee", "consignee"),
  ...party("notifyParty", "notify party"),
  ...party("forwarder", "forwarder"),
  ...party("declarant", "declarant"),
  netWeightKg: "kg", grossWeightKg: "kg", declaredValue: "amount", currency: "ISO 4217",
  freightTerms: "prepaid or collect",
  bookingDate: "booking date, YYYY-MM-DD",
  stuffingLocation: "where the container was stuffed",
} as const satisfies Record<string, string>;

/** A fixed target; `attributes.<name>` targets come on top. */
export type Target = keyof typeof TARGETS;
export type AttributeTarget = `attributes.${string}`;
export const TARGET_NAMES = Object.keys(TARGETS) as Target[];
export const REQUIRED_TARGETS: readonly Target[] = ["externalRef", "date", "outcome"];
export const ATTRIBUTE_PREFIX = "attributes.";

const column = z.string().trim().min(1, "must name a source column").max(200, "too long (at most 200 characters)");
const mappingSchema = z.strictObject(
  Object.fromEntries(TARGET_NAMES.map((t) => [t, REQUIRED_TARGETS.includes(t) ? column : column.optional()])) as unknown as Record<Target, z.ZodType<string | undefined>>,
);

export type ColumnMapping = Partial<Record<Target, string>> & { [name: AttributeTarget]: string };

/**
 * Checks a custom mapping; errors name the field as `mapping.<target>`.
 * `attributes.<name>` takes any name the manifest contract allows in `attributes`.
 */
export function parseColumnMapping(raw: unknown): ColumnMapping {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new AppError("validation_failed", "mapping must be a JSON object of target field → source column", {
      errors: [{ path: "mapping", message: `expected an object with ${REQUIRED_TARGETS.join(", ")} and optional ${TARGET_NAMES.filter((t) => !REQUIRED_TARGETS.includes(t)).join(", ")} or attributes.<name>` }],
    });
  }
  const fixed: Record<string, unknown> = {};
  const attributes: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!key.startsWith(ATTRIBUTE_PREFIX)) {
      fixed[key] = value;
      continue;
    }
    const name = attributeKey.safeParse(key.slice(ATTRIBUTE_PREFIX.length));
    const source = column.safeParse(value);
    if (!name.success) errors.push({ path: `mapping.${key}`, message: name.error.issues[0]?.message ?? "not an attribute name" });
    else if (!source.success) errors.push({ path: `mapping.${key}`, message: source.error.issues[0]?.message ?? "not a column name" });
    else attributes[key] = source.data;
  }
  if (Object.keys(attributes).length > 100) errors.push({ path: "mapping", message: "at most 100 attributes.<name> targets" });
  const result = mappingSchema.safeParse(fixed);
  if (!result.success) {
    errors.push(
      ...result.error.issues.flatMap((issue) =>
        issue.code === "unrecognized_keys"
          ? issue.keys.map((key) => ({ path: `mapping.${key}`, message: `unknown target field; targets are ${TARGET_NAMES.join(", ")}` }))
          : [{ path: `mapping.${issue.path.map(String).join(".")}`, message: fixed[String(issue.path[0])] === undefined ? "required" : issue.message }],
      ),
    );
  }
  if (errors.length > 0 || !result.success) throw new AppError("validation_failed", `${errors.length} mapping field(s) are not valid`, { errors });
  return { ...result.data, ...attributes };
}
