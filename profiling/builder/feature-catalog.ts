// The candidate indicators the builder may learn, each named in the profile
// language so that what it fits is exactly what the scorer will evaluate:
// a `table` group becomes one table indicator (points per key value), a
// `bins` group becomes one rule indicator per numeric band.
import type { ShipmentInput } from "../shipment.js";

export interface TableGroupSpec {
  kind: "table";
  /** Indicator code in the emitted profile. */
  code: string;
  /** Indicator label shown to the officer. */
  label: string;
  /** Profile key paths (see LANGUAGE.md, `table.key`). */
  key: readonly string[];
  /** How the explanation names one value ("Importer", "HS code x origin"). */
  noun: string;
  /**
   * Values seen fewer times than this (in the build history) share the
   * table `default` instead of an entry of their own.
   */
  minCount?: number;
  /** Multiplies the base L2 penalty: > 1 trusts this group's values less. */
  penalty?: number;
}

export interface BinsGroupSpec {
  kind: "bins";
  code: string;
  label: string;
  /** Numeric profile path, e.g. `netWeightKg`, `derived.valuePerKg`. */
  field: string;
  noun: string;
  /** Number of quantile bands cut from the build history. */
  bins: number;
  /** Unit shown in labels ("kg", "KRW/kg"). */
  unit?: string;
  penalty?: number;
}

export type FeatureGroupSpec = TableGroupSpec | BinsGroupSpec;

// Penalties and minimum counts were chosen on a time split inside 2020
// (Jan–Sep build, Oct–Dec tune), never on the quarter reported as the result.
// A repeat of the very same goods (HS subheading, net mass, declared value)
// carries its past outcome almost exactly in this history, so those tables are
// shrunk lightly; party, procedure and pair tables move the ranking little and
// are shrunk hard, with values seen once sharing the table default.
const REPEAT = { penalty: 0.1 } as const;
const PATTERN = { penalty: 3, minCount: 2 } as const;
const PATTERN_BANDS = { penalty: 3 } as const;

/** The default candidates for the customs-declarations history. */
export const DECLARATION_GROUPS: readonly FeatureGroupSpec[] = [
  { kind: "table", code: "IMPORTER", label: "Importer's record in past inspections", key: ["consignee.id"], noun: "Importer", ...PATTERN },
  { kind: "table", code: "DECLARANT", label: "Declarant's record in past inspections", key: ["declarant.id"], noun: "Declarant", ...PATTERN },
  { kind: "table", code: "SELLER", label: "Seller's record in past inspections", key: ["shipper.id"], noun: "Seller", ...PATTERN },
  { kind: "table", code: "COURIER", label: "Courier's record in past inspections", key: ["forwarder.id"], noun: "Courier", ...PATTERN },
  { kind: "table", code: "HS2", label: "HS chapter", key: ["hs:2"], noun: "HS chapter", ...PATTERN },
  { kind: "table", code: "HS4", label: "HS heading", key: ["hs:4"], noun: "HS heading", ...PATTERN },
  { kind: "table", code: "HS6", label: "HS subheading", key: ["hs:6"], noun: "HS subheading", ...PATTERN },
  { kind: "table", code: "ORIGIN", label: "Country of origin", key: ["countryOfOrigin"], noun: "Origin", ...PATTERN },
  { kind: "table", code: "DEPARTURE", label: "Country of departure", key: ["countryOfDeparture"], noun: "Departure country", ...PATTERN },
  { kind: "table", code: "OFFICE", label: "Customs office", key: ["attributes.officeId"], noun: "Office", ...PATTERN },
  { kind: "table", code: "PROCESS_TYPE", label: "Process type", key: ["attributes.processType"], noun: "Process type", ...PATTERN },
  { kind: "table", code: "IMPORT_TYPE", label: "Import type", key: ["attributes.importType"], noun: "Import type", ...PATTERN },
  { kind: "table", code: "IMPORT_USE", label: "Import use", key: ["attributes.importUse"], noun: "Import use", ...PATTERN },
  { kind: "table", code: "PAYMENT_TYPE", label: "Payment type", key: ["attributes.paymentType"], noun: "Payment type", ...PATTERN },
  { kind: "table", code: "TRANSPORT", label: "Mode of transport (source code)", key: ["attributes.transportCode"], noun: "Transport code", ...PATTERN },
  { kind: "table", code: "TAX_TYPE", label: "Tax type", key: ["attributes.taxType"], noun: "Tax type", ...PATTERN },
  { kind: "table", code: "TAX_RATE", label: "Tax rate", key: ["attributes.taxRate"], noun: "Tax rate", ...PATTERN },
  { kind: "table", code: "ORIGIN_IND", label: "Country-of-origin indicator", key: ["attributes.originIndicator"], noun: "Origin indicator", ...PATTERN },
  { kind: "table", code: "HS6_ORIGIN", label: "HS subheading from this origin", key: ["hs:6", "countryOfOrigin"], noun: "HS code x origin", ...PATTERN },
  { kind: "table", code: "HS4_ORIGIN", label: "HS heading from this origin", key: ["hs:4", "countryOfOrigin"], noun: "HS heading x origin", ...PATTERN },
  { kind: "table", code: "IMPORTER_DECLARANT", label: "Importer with this declarant", key: ["consignee.id", "declarant.id"], noun: "Importer x declarant", ...PATTERN },
  { kind: "table", code: "IMPORTER_HS4", label: "Importer with this HS heading", key: ["consignee.id", "hs:4"], noun: "Importer x HS heading", ...PATTERN },
  { kind: "table", code: "DECLARANT_HS4", label: "Declarant with this HS heading", key: ["declarant.id", "hs:4"], noun: "Declarant x HS heading", ...PATTERN },
  { kind: "table", code: "OFFICE_HS4", label: "Office with this HS heading", key: ["attributes.officeId", "hs:4"], noun: "Office x HS heading", ...PATTERN },
  { kind: "table", code: "REPEAT_GOODS", label: "Same goods declared before (HS subheading, net mass, value)", key: ["hs:6", "netWeightKg", "declaredValue"], noun: "Same goods (HS, kg, KRW)", ...REPEAT },
  { kind: "table", code: "REPEAT_HS_MASS", label: "Same HS subheading and net mass declared before", key: ["hs:6", "netWeightKg"], noun: "Same HS and net mass", ...REPEAT },
  { kind: "table", code: "REPEAT_HS_VALUE", label: "Same HS subheading and value declared before", key: ["hs:6", "declaredValue"], noun: "Same HS and value", ...REPEAT },
  { kind: "table", code: "REPEAT_VALUE", label: "Same declared value seen before", key: ["declaredValue"], noun: "Declared value (KRW)", ...REPEAT },
  { kind: "table", code: "REPEAT_MASS", label: "Same net mass seen before", key: ["netWeightKg"], noun: "Net mass (kg)", ...REPEAT },
  { kind: "bins", code: "NET_MASS", label: "Net mass", field: "netWeightKg", noun: "Net mass", bins: 12, unit: "kg", ...PATTERN_BANDS },
  { kind: "bins", code: "VALUE", label: "Declared value", field: "declaredValue", noun: "Declared value", bins: 12, unit: "KRW", ...PATTERN_BANDS },
  { kind: "bins", code: "VALUE_PER_KG", label: "Declared value per kg", field: "derived.valuePerKg", noun: "Value per kg", bins: 12, unit: "KRW/kg", ...PATTERN_BANDS },
];

type Scalar = string | number | boolean | undefined;
type PathReader = (s: ShipmentInput) => Scalar;

/**
 * Compiles one profile path into an accessor, resolved once per path rather
 * than per shipment: the builder reads ~30 keys from each of ~45k records.
 */
export function pathReader(path: string): PathReader {
  if (path.startsWith("hs:")) {
    const digits = Number(path.slice(3));
    return (s) => {
      const hs = s.hsCodes[0];
      return hs === undefined || hs.length < digits ? undefined : hs.slice(0, digits);
    };
  }
  if (path === "hsCodes") return (s) => s.hsCodes[0];
  if (path.startsWith("attributes.")) {
    const name = path.slice("attributes.".length);
    return (s) => s.attributes[name] ?? undefined;
  }
  if (path === "derived.valuePerKg") {
    // Net mass, else gross, as derived.valuePerKg is defined in LANGUAGE.md.
    return (s) => {
      const kg = s.netWeightKg !== undefined && s.netWeightKg > 0 ? s.netWeightKg : s.grossWeightKg;
      return s.declaredValue === undefined || kg === undefined || kg <= 0 ? undefined : s.declaredValue / kg;
    };
  }
  const dot = path.indexOf(".");
  if (dot > 0) {
    const role = path.slice(0, dot) as "shipper" | "consignee" | "notify" | "forwarder" | "declarant";
    const field = path.slice(dot + 1) as "id" | "name" | "address" | "country" | "key";
    return (s) => s[role]?.[field];
  }
  return (s) => {
    const v = (s as unknown as Record<string, unknown>)[path];
    return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : undefined;
  };
}

export type KeyReader = (s: ShipmentInput) => string | undefined;

/**
 * The table key of a shipment: values joined with `|`, undefined when any
 * part is missing (a missing value never matches, LANGUAGE.md).
 */
export function keyReader(key: readonly string[]): KeyReader {
  const readers = key.map(pathReader);
  if (readers.length === 1) {
    const only = readers[0]!;
    return (s) => {
      const v = only(s);
      return v === undefined || v === "" ? undefined : String(v);
    };
  }
  return (s) => {
    let out = "";
    for (let i = 0; i < readers.length; i++) {
      const v = readers[i]!(s);
      if (v === undefined || v === "") return undefined;
      out = i === 0 ? String(v) : `${out}|${String(v)}`;
    }
    return out;
  };
}

/** A numeric field reader: undefined when absent or not a finite number. */
export function numberReader(field: string): (s: ShipmentInput) => number | undefined {
  const read = pathReader(field);
  return (s) => {
    const v = read(s);
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
  };
}
