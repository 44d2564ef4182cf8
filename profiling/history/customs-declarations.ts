// Maps one row of the "customs import declarations with inspection outcomes"
// format (Korea Customs Service / IBS, shared/data/customs-declarations) to the
// shipment the scorer sees plus the inspection outcome. The caller parses the
// CSV (I/O stays outside profiling/); this module only turns column → string
// records into typed values and says, per column, why a row is rejected.
import type { PartyInput, ShipmentInput, TransportMode } from "../shipment.js";

/** One CSV record as parsed with `columns: true`: header → raw text. */
export type DeclarationRow = Readonly<Record<string, string | undefined>>;

export interface InspectionLabel {
  /** The inspection found fraud (column `Fraud` = 1). */
  hit: boolean;
  /** Public-safety fraud (column `Critical Fraud` = 2). */
  critical: boolean;
}

/** A declaration to score: no outcome columns needed. */
export interface DeclarationInput {
  shipment: ShipmentInput;
  /** Declaration date, YYYY-MM-DD. */
  date: string;
  /** The source's own key (Declaration ID), for tracing back to the file. */
  externalRef: string;
}

/** A past, inspected declaration: what the builder learns from. */
export interface LabelledDeclaration extends DeclarationInput {
  label: InspectionLabel;
}

export type RowResult<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

export const DECLARATION_COLUMNS = [
  "Declaration ID", "Date", "Office ID", "Process Type", "Import Type", "Import Use",
  "Payment Type", "Mode of Transport", "Declarant ID", "Importer ID", "Seller ID",
  "Courier ID", "HS6 Code", "Country of Departure", "Country of Origin", "Tax Rate",
  "Tax Type", "Country of Origin Indicator", "Net Mass", "Item Price",
] as const;
export const OUTCOME_COLUMNS = ["Fraud", "Critical Fraud"] as const;

/**
 * Transport codes of the source. Post (50) is carried as `air`: international
 * mail into Korea travels almost entirely by air, and the profile scope only
 * knows sea/air/road/rail. The original code stays in `attributes.transportCode`
 * so a profile can still single out post.
 */
const TRANSPORT_BY_CODE: Readonly<Record<string, TransportMode>> = {
  "10": "sea",
  "40": "air",
  "50": "air",
  "30": "rail",
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNTRY = /^[A-Z]{2}$/;
const HS6 = /^\d{6}$/;
const PARTY_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const CODE = /^[A-Za-z0-9_.-]{1,32}$/;

/** Collects per-column problems so one pass reports all of them. */
class RowReader {
  readonly reasons: string[] = [];
  constructor(private readonly row: DeclarationRow) {}

  text(column: string): string {
    return (this.row[column] ?? "").trim();
  }

  required(column: string, pattern: RegExp, what: string): string {
    const value = this.text(column);
    if (value === "") this.reasons.push(`${column}: missing`);
    else if (!pattern.test(value)) this.reasons.push(`${column}: not ${what} (${JSON.stringify(value)})`);
    return value;
  }

  optional(column: string, pattern: RegExp, what: string): string | undefined {
    const value = this.text(column);
    if (value === "") return undefined;
    if (!pattern.test(value)) this.reasons.push(`${column}: not ${what} (${JSON.stringify(value)})`);
    return value;
  }

  number(column: string, opts: { min?: number; max?: number } = {}): number {
    const raw = this.text(column);
    // Number("") is 0, so an empty cell must be caught before conversion.
    const value = raw === "" ? Number.NaN : Number(raw);
    if (raw === "") this.reasons.push(`${column}: missing`);
    else if (!Number.isFinite(value)) this.reasons.push(`${column}: not a number (${JSON.stringify(raw)})`);
    else if (opts.min !== undefined && value < opts.min) this.reasons.push(`${column}: below ${opts.min} (${raw})`);
    else if (opts.max !== undefined && value > opts.max) this.reasons.push(`${column}: above ${opts.max} (${raw})`);
    return value;
  }

  date(column: string): string {
    const raw = this.text(column);
    const m = ISO_DATE.exec(raw);
    if (raw === "") this.reasons.push(`${column}: missing`);
    else if (!m) this.reasons.push(`${column}: not an ISO date YYYY-MM-DD (${JSON.stringify(raw)})`);
    else {
      // Round-trip through Date.UTC to reject 2020-02-30 and the like.
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const back = new Date(Date.UTC(y, mo - 1, d));
      if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
        this.reasons.push(`${column}: not a calendar date (${raw})`);
      }
    }
    return raw;
  }
}

function party(id: string | undefined): PartyInput | undefined {
  return id === undefined ? undefined : { id };
}

function readDeclaration(r: RowReader): DeclarationInput {
  const externalRef = r.required("Declaration ID", PARTY_ID, "an identifier");
  const date = r.date("Date");
  const modeCode = r.required("Mode of Transport", CODE, "a transport code");
  const hs = r.required("HS6 Code", HS6, "a 6-digit HS code");
  const netWeightKg = r.number("Net Mass", { min: 0 });
  const declaredValue = r.number("Item Price", { min: 0 });
  const taxRate = r.number("Tax Rate", { min: 0, max: 1000 });
  const shipment: ShipmentInput = {
    id: externalRef,
    transportMode: TRANSPORT_BY_CODE[modeCode] ?? "road",
    // The declaration date is the closest thing the source has to arrival;
    // it makes validFrom/validTo of a profile behave in back-tests.
    arrivalDate: date,
    transshipmentPorts: [],
    sealNumbers: [],
    isEmpty: false,
    consignee: party(r.required("Importer ID", PARTY_ID, "a party id")),
    declarant: party(r.required("Declarant ID", PARTY_ID, "a party id")),
    shipper: party(r.optional("Seller ID", PARTY_ID, "a party id")),
    forwarder: party(r.optional("Courier ID", PARTY_ID, "a party id")),
    hsCodes: [hs],
    netWeightKg,
    declaredValue,
    currency: "KRW",
    countryOfDeparture: r.required("Country of Departure", COUNTRY, "an ISO 3166 alpha-2 code"),
    countryOfOrigin: r.required("Country of Origin", COUNTRY, "an ISO 3166 alpha-2 code"),
    attributes: {
      declarationDate: date,
      officeId: r.required("Office ID", CODE, "an office code"),
      processType: r.required("Process Type", CODE, "a procedure code"),
      importType: r.required("Import Type", CODE, "a procedure code"),
      importUse: r.required("Import Use", CODE, "a procedure code"),
      paymentType: r.required("Payment Type", CODE, "a procedure code"),
      transportCode: modeCode,
      taxRate,
      taxType: r.required("Tax Type", CODE, "a tax type code"),
      originIndicator: r.required("Country of Origin Indicator", CODE, "an origin indicator code"),
    },
  };
  return { shipment, date, externalRef };
}

/** Maps a row without outcome columns (a declaration to score). */
export function mapDeclarationRow(row: DeclarationRow): RowResult<DeclarationInput> {
  const reader = new RowReader(row);
  const value = readDeclaration(reader);
  return reader.reasons.length > 0 ? { ok: false, reasons: reader.reasons } : { ok: true, value };
}

/** Maps a row of inspected history: the declaration plus its outcome. */
export function mapLabelledDeclarationRow(row: DeclarationRow): RowResult<LabelledDeclaration> {
  const reader = new RowReader(row);
  const value = readDeclaration(reader);
  const fraud = reader.required("Fraud", /^[01]$/, "0 or 1");
  const critical = reader.required("Critical Fraud", /^[012]$/, "0, 1 or 2");
  // A critical finding without a fraud finding means the row is corrupt:
  // learning from it would teach the builder a contradiction.
  if (fraud === "0" && (critical === "1" || critical === "2")) {
    reader.reasons.push(`Critical Fraud: ${critical} contradicts Fraud 0`);
  }
  if (reader.reasons.length > 0) return { ok: false, reasons: reader.reasons };
  return { ok: true, value: { ...value, label: { hit: fraud === "1", critical: critical === "2" } } };
}

/** Which expected columns a header lacks (checked once, before any row). */
export function missingColumns(header: readonly string[], withOutcome: boolean): string[] {
  const expected: readonly string[] = withOutcome ? [...DECLARATION_COLUMNS, ...OUTCOME_COLUMNS] : DECLARATION_COLUMNS;
  const present = new Set(header.map((h) => h.trim()));
  return expected.filter((c) => !present.has(c));
}
