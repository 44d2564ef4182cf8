// History uploads on the client: the file's format (CSV or JSON lines), its
// column names read from the first line the way the API reads them, and the
// custom mapping "history field → the file's column" the API expects
// (core/history/history-mapping.ts), checked before anything is sent.
export const RECORD_FORMATS = ["csv", "ndjson"] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

export const CONTENT_TYPES: Record<RecordFormat, string> = { csv: "text/csv", ndjson: "application/x-ndjson" };
export const FILE_ACCEPT: Record<RecordFormat, string> = { csv: ".csv,text/csv", ndjson: ".jsonl,.ndjson,.json,application/x-ndjson" };

/** The customs-declarations preset: the columns (or JSON keys) it reads. */
export const PRESET_COLUMNS = [
  "Declaration ID", "Date", "Office ID", "Process Type", "Import Type", "Import Use",
  "Payment Type", "Mode of Transport", "Declarant ID", "Importer ID", "Seller ID",
  "Courier ID", "HS6 Code", "Country of Departure", "Country of Origin", "Tax Rate",
  "Tax Type", "Country of Origin Indicator", "Net Mass", "Item Price", "Fraud", "Critical Fraud",
] as const;

/** The history fields a custom mapping fills, in the order the form shows them. */
export const MAPPING_TARGETS = [
  "externalRef", "date", "outcome", "commodity", "quantity", "quantityUnit", "selectedBy", "inspectedAt",
  "billOfLading", "houseBillOfLading", "containerNumber", "containerType", "sealNumbers", "isEmpty", "transportMode",
  "manifestRef", "carrierScac", "carrierName", "vesselImo", "vesselName", "voyage", "flightNumber", "departureDate",
  "manifestFiledAt", "manifestAmendedAt", "portOfLoading", "transshipmentPorts", "portOfDischarge", "placeOfDelivery",
  "hsCode", "hsCodes", "goodsDescription", "packages", "packageType", "countryOfOrigin", "countryOfDeparture",
  "shipperId", "shipperName", "shipperAddress", "shipperCountry", "consigneeId", "consigneeName", "consigneeAddress", "consigneeCountry",
  "notifyPartyId", "notifyPartyName", "notifyPartyAddress", "notifyPartyCountry", "forwarderId", "forwarderName", "forwarderAddress", "forwarderCountry",
  "declarantId", "declarantName", "declarantAddress", "declarantCountry",
  "netWeightKg", "grossWeightKg", "declaredValue", "currency", "freightTerms", "bookingDate", "stuffingLocation",
] as const;
export type MappingTarget = (typeof MAPPING_TARGETS)[number];
export const REQUIRED_TARGETS: readonly MappingTarget[] = ["externalRef", "date", "outcome"];

/** Field → chosen column ("" = not mapped). */
export type MappingSelection = Partial<Record<MappingTarget, string>>;

export type HeaderResult =
  | { ok: true; columns: string[] }
  | { ok: false; problem: "empty" | "notCsvHeader" | "looksLikeJson" | "notJsonObject" };

/** The first line of a text (no BOM, no line ending). */
export function firstLine(text: string): string {
  const withoutBom = text.replace(/^\uFEFF/, "");
  const end = withoutBom.search(/\r?\n/);
  return end === -1 ? withoutBom : withoutBom.slice(0, end);
}

/** One CSV line split into cells (quotes and doubled quotes understood); null if a quote is left open. */
export function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") {
      // Only a quote that opens the cell quotes it (as the API's CSV reader does): ` "x` keeps its quote.
      quoted = true;
      cell = "";
    } else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
}

/** The column names of a file, from the start of its text: the CSV header, or the keys of the first JSON object. */
export function readHeader(start: string, format: RecordFormat): HeaderResult {
  const line = firstLine(start);
  if (line.trim() === "") return { ok: false, problem: "empty" };
  if (format === "csv") {
    if (line.trimStart().startsWith("{")) return { ok: false, problem: "looksLikeJson" };
    const cells = splitCsvLine(line)?.map((c) => c.trim());
    if (!cells || cells.every((c) => c === "")) return { ok: false, problem: "notCsvHeader" };
    return { ok: true, columns: cells };
  }
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { ok: false, problem: "notJsonObject" };
    return { ok: true, columns: Object.keys(parsed) };
  } catch {
    return { ok: false, problem: "notJsonObject" };
  }
}

/** The preset's columns the file lacks. */
export const missingPresetColumns = (columns: readonly string[]): string[] => PRESET_COLUMNS.filter((c) => !columns.includes(c));

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A first guess: a column named like a field (`hs_code`, `HS Code` → hsCode). */
export function suggestMapping(columns: readonly string[]): MappingSelection {
  const selection: MappingSelection = {};
  for (const target of MAPPING_TARGETS) {
    const found = columns.find((c) => squash(c) === squash(target));
    if (found) selection[target] = found;
  }
  return selection;
}

/** Keeps the chosen columns that are still in the file (after another file is picked). */
export function keepKnownColumns(selection: MappingSelection, columns: readonly string[]): MappingSelection {
  return Object.fromEntries(Object.entries(selection).filter(([, c]) => c && columns.includes(c)));
}

export type MappingProblem = { target: MappingTarget; problem: "required" } | { target: MappingTarget; problem: "notInFile"; column: string };

export function mappingProblems(selection: MappingSelection, columns: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  for (const target of MAPPING_TARGETS) {
    const column = selection[target];
    if (!column) {
      if (REQUIRED_TARGETS.includes(target)) problems.push({ target, problem: "required" });
    } else if (!columns.includes(column)) problems.push({ target, problem: "notInFile", column });
  }
  return problems;
}

/** The mapping as the API takes it: only the mapped fields. */
export function mappingOf(selection: MappingSelection): Record<string, string> {
  return Object.fromEntries(MAPPING_TARGETS.flatMap((t) => (selection[t] ? [[t, selection[t]]] : [])));
}

/** preset: customs-declarations; custom: a column mapping; manifest: manifest-jsonl, whole contract shipments a line (JSON lines only, no mapping). */
export type ColumnsMode = "preset" | "custom" | "manifest";
export const COLUMNS_MODES: readonly ColumnsMode[] = ["preset", "custom", "manifest"];
const FORMAT_OF: Record<ColumnsMode, string> = { preset: "customs-declarations", custom: "custom", manifest: "manifest-jsonl" };

/** The query string of POST /v1/units/{unit}/history-imports. */
export function uploadQuery(mode: ColumnsMode, fileName: string, selection: MappingSelection = {}): string {
  const params = new URLSearchParams({ format: FORMAT_OF[mode] });
  if (mode === "custom") params.set("mapping", JSON.stringify(mappingOf(selection)));
  params.set("fileName", fileName.slice(0, 200));
  return params.toString();
}
