// A fast path for the manifest schema: plain code that accepts a manifest
// only when zod would, and then returns exactly what zod returns (same
// values, same key order, so the content hash is the same). Anything it is
// not sure of (a wrong type, an empty or long value, an unknown key, a
// cross-field rule) makes it return undefined, and the caller parses with
// zod, which names every error. zod took 0.4-0.6 s of CPU for a
// 15,000-container manifest on the loaded 2-core machine, about a third of
// the time until the answer; this path takes about half of that. The
// voyage-level fields and the booking date still go through their zod
// schemas, one value at a time. test/unit/fast-manifest.test.ts compares
// both on valid and broken manifests.
import type { z } from "zod";
import { RESERVED_KEYS, textProblem } from "../input-text.js";
import { identifierChecks as check } from "./identifier-checks.js";
import { manifestRules, shipmentSchema, voyageShape, type ManifestInput, type ManifestShipment } from "./manifest-schema.js";

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => typeof value === "object" && value !== null && !Array.isArray(value);

/** A failed check: the zod parse that follows says why. */
const NO = Symbol("no");
type Maybe<T> = T | typeof NO;

/** `trimmed(max)`: the trimmed string, 1..max long, that PostgreSQL can store as sent (no NUL, no lone surrogate). */
function text(value: unknown, max: number): Maybe<string> {
  if (typeof value !== "string") return NO;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= max && textProblem(trimmed) === undefined ? trimmed : NO;
}

/** `checked(max, validate)`: trimmed, 1..max long, upper-cased, then valid. */
function code(value: unknown, max: number, validate: (value: string) => string | null): Maybe<string> {
  const trimmed = text(value, max);
  if (trimmed === NO) return NO;
  const upper = trimmed.toUpperCase();
  return validate(upper) === null ? upper : NO;
}

function number(value: unknown, max: number): Maybe<number> {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= max ? value : NO;
}

const PARTY_KEYS = new Set(["name", "address", "country", "id"]);

function party(value: unknown): Maybe<ManifestShipment["shipper"]> {
  if (!isPlain(value)) return NO;
  for (const key in value) if (!PARTY_KEYS.has(key)) return NO;
  const name = text(value.name, 300);
  if (name === NO) return NO;
  const out: Plain = { name };
  if ("address" in value && (out.address = text(value.address, 500)) === NO) return NO;
  if ("country" in value && (out.country = code(value.country, 2, check.country)) === NO) return NO;
  if ("id" in value && (out.id = text(value.id, 64)) === NO) return NO;
  return out as ManifestShipment["shipper"];
}

function texts(value: unknown, maxItems: number, item: (value: unknown) => Maybe<string>): Maybe<string[]> {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > maxItems) return NO;
  const out = new Array<string>(value.length);
  for (let i = 0; i < value.length; i += 1) {
    const parsed = item(value[i]);
    if (parsed === NO) return NO;
    out[i] = parsed;
  }
  return out;
}

const ATTRIBUTE_KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** The attributes record: sorted by key, as the schema's overwrite sorts it. */
function attributes(value: unknown): Maybe<ManifestShipment["attributes"]> {
  if (value === undefined) return {};
  if (!isPlain(value)) return NO;
  const keys = Object.keys(value);
  if (keys.length > 100) return NO;
  for (const key of keys) {
    if (!ATTRIBUTE_KEY.test(key) || RESERVED_KEYS.has(key)) return NO;
    const item = value[key];
    if (item === null || typeof item === "boolean") continue;
    if (typeof item === "string" ? item.length > 2_000 || textProblem(item) !== undefined : typeof item !== "number" || !Number.isFinite(item)) return NO;
  }
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: ManifestShipment["attributes"] = {};
  for (const key of keys) out[key] = value[key] as string | number | boolean | null;
  return out;
}

const SHAPE = shipmentSchema.shape;

const MONEY_KEYS = new Set(["amount", "currency"]);

function money(value: unknown): Maybe<{ amount: number; currency: string }> {
  if (!isPlain(value)) return NO;
  for (const key in value) if (!MONEY_KEYS.has(key)) return NO;
  const amount = number(value.amount, 1e12);
  const currency = code(value.currency, 3, check.currency);
  return amount === NO || currency === NO ? NO : { amount, currency };
}

/** A bookingDate: the zod schema's own check (ISO calendar date, years 1900-2100), once per distinct text. */
const knownDates = new Map<string, boolean>();
function date(value: unknown): Maybe<string> {
  if (typeof value !== "string") return NO;
  let valid = knownDates.get(value);
  if (valid === undefined) {
    valid = SHAPE.bookingDate.safeParse(value).success;
    if (knownDates.size < 10_000) knownDates.set(value, valid);
  }
  return valid ? value : NO;
}
const SHIPMENT_KEYS = new Set(Object.keys(SHAPE));
const PARTY_ROLES = ["shipper", "consignee", "notifyParty", "forwarder", "declarant"] as const;

/** A field left to its own zod schema (rare in manifests, or tricky: dates). */
function byZod(schema: z.ZodType, value: unknown): Maybe<unknown> {
  const result = schema.safeParse(value);
  return result.success ? result.data : NO;
}

function containerNumber(value: unknown): Maybe<string> {
  const trimmed = text(value, 20);
  return trimmed === NO ? NO : trimmed.toUpperCase().replace(/[\s-]/g, "");
}

const packages = (value: unknown): Maybe<number> => (Number.isSafeInteger(value) ? number(value, 1_000_000) : NO);
const freightTerms = (value: unknown): Maybe<string> => (value === "prepaid" || value === "collect" ? value : NO);
const isEmpty = (value: unknown): Maybe<boolean> => (value === undefined ? false : typeof value === "boolean" ? value : NO);
const sealNumber = (value: unknown) => text(value, 30);
const hsCode = (value: unknown) => code(value, 10, check.hsCode);

/**
 * One shipment, built in the schema's key order (zod's output follows its
 * shape, not the input). Plain statements, no closure per shipment: a
 * 15,000-container manifest made 300,000 of them, and their garbage.
 */
function shipment(value: unknown): Maybe<ManifestShipment> {
  if (!isPlain(value)) return NO;
  for (const key in value) if (!SHIPMENT_KEYS.has(key)) return NO;
  const out: Plain = {};
  if ((out.billOfLading = text(value.billOfLading, 35)) === NO) return NO;
  if ("houseBillOfLading" in value && (out.houseBillOfLading = text(value.houseBillOfLading, 35)) === NO) return NO;
  if ("containerNumber" in value && (out.containerNumber = containerNumber(value.containerNumber)) === NO) return NO;
  if ("containerType" in value && (out.containerType = code(value.containerType, 4, check.containerType)) === NO) return NO;
  if ((out.sealNumbers = texts(value.sealNumbers, 10, sealNumber)) === NO) return NO;
  if ((out.isEmpty = isEmpty(value.isEmpty)) === NO) return NO;
  for (const role of PARTY_ROLES) if (role in value && (out[role] = party(value[role])) === NO) return NO;
  if ((out.hsCodes = texts(value.hsCodes, 50, hsCode)) === NO) return NO;
  if ("goodsDescription" in value && (out.goodsDescription = text(value.goodsDescription, 2_000)) === NO) return NO;
  if ("packages" in value && (out.packages = packages(value.packages)) === NO) return NO;
  if ("packageType" in value && (out.packageType = text(value.packageType, 5)) === NO) return NO;
  if ("grossWeightKg" in value && (out.grossWeightKg = number(value.grossWeightKg, 200_000)) === NO) return NO;
  if ("netWeightKg" in value && (out.netWeightKg = number(value.netWeightKg, 200_000)) === NO) return NO;
  if ("declaredValue" in value && (out.declaredValue = money(value.declaredValue)) === NO) return NO;
  if ("countryOfOrigin" in value && (out.countryOfOrigin = code(value.countryOfOrigin, 2, check.country)) === NO) return NO;
  if ("countryOfDeparture" in value && (out.countryOfDeparture = code(value.countryOfDeparture, 2, check.country)) === NO) return NO;
  if ("freightTerms" in value && (out.freightTerms = freightTerms(value.freightTerms)) === NO) return NO;
  if ("bookingDate" in value && (out.bookingDate = date(value.bookingDate)) === NO) return NO;
  if ("stuffingLocation" in value && (out.stuffingLocation = text(value.stuffingLocation, 200)) === NO) return NO;
  if ("placeOfDelivery" in value && (out.placeOfDelivery = text(value.placeOfDelivery, 100)) === NO) return NO;
  if ((out.attributes = attributes(value.attributes)) === NO) return NO;
  return out as ManifestShipment;
}

/**
 * What the request body's walk checks (api/validation.ts inputErrors), for a voyage field: every text and key
 * storable, no reserved key, at most `depth` levels. The shipments' texts are checked by text() and attributes()
 * above, and nothing else passes this path; anything doubtful goes to zod after the full walk.
 */
function storable(value: unknown, depth: number): boolean {
  if (typeof value === "string") return textProblem(value) === undefined;
  if (value === null || typeof value !== "object") return true;
  if (depth === 0) return false;
  if (Array.isArray(value)) return value.every((item) => storable(item, depth - 1));
  for (const key of Object.keys(value)) {
    if (RESERVED_KEYS.has(key) || textProblem(key) !== undefined || !storable((value as Plain)[key], depth - 1)) return false;
  }
  return true;
}

const VOYAGE_KEYS = Object.keys(voyageShape) as (keyof typeof voyageShape)[];
const MANIFEST_KEYS = new Set<string>([...VOYAGE_KEYS, "shipments"]);

/**
 * The manifest as `manifestSchema(maxShipments)` parses it, or undefined when
 * the fast path cannot vouch for it (then parse with the schema for the errors).
 */
export function fastManifest(value: unknown, maxShipments: number): ManifestInput | undefined {
  if (!isPlain(value)) return undefined;
  for (const key in value) if (!MANIFEST_KEYS.has(key)) return undefined;
  const out: Plain = {};
  for (const key of VOYAGE_KEYS) {
    if (!storable(value[key], 3)) return undefined;
    const parsed = byZod(voyageShape[key], value[key]);
    if (parsed === NO) return undefined;
    if (parsed !== undefined || key in value) out[key] = parsed;
  }
  const list = value.shipments;
  if (!Array.isArray(list) || list.length < 1 || list.length > maxShipments) return undefined;
  const shipments = new Array<ManifestShipment>(list.length);
  for (let i = 0; i < list.length; i += 1) {
    const parsed = shipment(list[i]);
    if (parsed === NO) return undefined;
    shipments[i] = parsed;
  }
  out.shipments = shipments;
  const manifest = out as ManifestInput;
  let broken = false;
  manifestRules(manifest, () => (broken = true));
  return broken ? undefined : manifest;
}
