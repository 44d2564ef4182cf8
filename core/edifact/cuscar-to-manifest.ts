// One CUSCAR message to a manifest of our contract (not yet validated: the
// manifest schema does that, exactly as for JSON). Voyage from TDT/LOC/DTM,
// containers from EQD/MEA/SEL, bills of lading from CNI/RFF, parties from
// NAD, goods from GID/FTX/MEA/SGP/CST. What cannot be read is a Problem
// naming its segment; a field that is absent is left for the schema to name.
import { readGroups, value, type CuscarGroups, type Equipment } from "./cuscar-groups.js";
import { consignmentShipments, type ShipmentDraft, type ShipmentTrace } from "./cuscar-shipments.js";
import { readDate, type Problem } from "./cuscar-values.js";
import { componentsOf, type Segment } from "./edifact-syntax.js";
import type { EdifactMessage } from "./interchange-envelope.js";
import type { EdifactMappingSettings } from "./mapping-settings.js";

export type MessageFunction = "original" | "replacement" | "cancellation";
// A Map, not an object literal: a BGM function of "constructor" must not find Object's.
const FUNCTIONS = new Map<string, MessageFunction>([["9", "original"], ["5", "replacement"], ["1", "cancellation"]]);

/** The segments the voyage-level fields came from. */
export interface VoyageTrace {
  bgm: Segment | undefined;
  tdt: Segment | undefined;
  imo: Segment | undefined;
  carrier: Segment | undefined;
  loading: Segment | undefined;
  discharge: Segment | undefined;
  transhipments: Segment[];
  departure: Segment | undefined;
  arrival: Segment | undefined;
  documentDate: Segment | undefined;
}

export interface MappedMessage {
  documentNumber: string | null;
  function: MessageFunction | null;
  /** The draft manifest for the schema; null when the message cannot be mapped at all. */
  manifest: Record<string, unknown> | null;
  problems: Problem[];
  voyage: VoyageTrace;
  shipments: ShipmentTrace[];
  /** A replacement dated (DTM 137) after the vessel's departure (DTM 186, else 133). */
  amendedAfterDeparture: boolean;
  documentDateTime: string | undefined;
}

export function mapCuscar(message: EdifactMessage, settings: EdifactMappingSettings, decimalMark: string): MappedMessage {
  return mapGroups(readGroups(message.segments), message.segments[0]!, settings, decimalMark);
}

/**
 * The consignments of a message mapped while it was read (cuscar-stream.ts):
 * their shipments in message order, no trace kept, and the equipment index
 * they were mapped against.
 */
export interface StreamedConsignments {
  drafts: ShipmentDraft[];
  equipmentByNumber: Map<string, Equipment> | undefined;
}

/** The message's groups to a manifest; with `streamed`, groups.consignments is empty and their shipments come from it. */
export function mapGroups(groups: CuscarGroups, unh: Segment, settings: EdifactMappingSettings, decimalMark: string, streamed?: StreamedConsignments): MappedMessage {
  const problems: Problem[] = [];
  const voyage: VoyageTrace = { bgm: groups.bgm, tdt: undefined, imo: undefined, carrier: undefined, loading: undefined, discharge: undefined, transhipments: [], departure: undefined, arrival: undefined, documentDate: undefined };
  const result: MappedMessage = { documentNumber: null, function: null, manifest: null, problems, voyage, shipments: [], amendedAfterDeparture: false, documentDateTime: undefined };
  const bgm = groups.bgm;
  if (!bgm) {
    problems.push({ segment: unh, code: "13", message: "BGM (beginning of message) is missing" });
    return result;
  }
  result.documentNumber = value(bgm, 2) || null;
  if (!result.documentNumber) problems.push({ segment: bgm, element: 2, code: "13", message: "BGM document number (1004) is missing: it is the manifest reference" });
  result.function = FUNCTIONS.get(value(bgm, 3)) ?? null;
  if (!result.function) problems.push({ segment: bgm, element: 3, code: value(bgm, 3) ? "14" : "13", message: `BGM message function (1225) ${value(bgm, 3) || "(missing)"} is not supported: 9 original, 5 replacement, 1 cancellation` });
  const documentDate = dateOf(groups.headerDates, ["137"], problems);
  voyage.documentDate = documentDate?.segment;
  result.documentDateTime = documentDate?.dateTime;
  if (!result.documentNumber || !result.function || result.function === "cancellation") return result;

  const manifest: Record<string, unknown> = { manifestRef: result.documentNumber, transportMode: "sea" };
  const transport = groups.transports.find((t) => value(t.tdt, 1) === "20") ?? groups.transports[0];
  voyage.tdt = transport?.tdt;
  if (!transport) problems.push({ segment: bgm, code: "13", message: "TDT (main carriage, stage 20) is missing: the voyage and vessel come from it" });
  else manifest.vessel = vesselOf(transport.tdt, groups, settings, voyage);
  manifest.carrier = carrierOf(groups, transport?.tdt, voyage);
  if (!manifest.carrier) delete manifest.carrier;

  const locations = [...(transport?.locations ?? []), ...groups.headerLocations];
  const place = (qualifiers: string[]) => qualifiers.map((q) => locations.find((loc) => value(loc, 1) === q && value(loc, 2))).find(Boolean);
  voyage.loading = place(["9", "76", "5"]);
  voyage.discharge = place(["11", "60"]);
  if (voyage.loading) manifest.portOfLoading = value(voyage.loading, 2).toUpperCase();
  else problems.push({ segment: transport?.tdt ?? bgm, code: "13", message: "LOC+9 (port of loading) is missing" });
  if (voyage.discharge) manifest.portOfDischarge = value(voyage.discharge, 2).toUpperCase();
  else problems.push({ segment: transport?.tdt ?? bgm, code: "13", message: "LOC+11 (port of discharge) is missing" });
  const transhipments = new Map<string, Segment>();
  for (const loc of locations) {
    const code = value(loc, 2).toUpperCase();
    if (settings.transhipmentLocQualifiers.includes(value(loc, 1)) && code && !transhipments.has(code)) transhipments.set(code, loc);
  }
  manifest.transshipmentPorts = [...transhipments.keys()];
  voyage.transhipments = [...transhipments.values()];

  const dates = [...(transport?.dates ?? []), ...groups.headerDates];
  const departure = dateOf(dates, ["186", "133"], problems);
  const arrival = dateOf(dates, ["178", "132"], problems);
  voyage.departure = departure?.segment;
  voyage.arrival = arrival?.segment;
  if (departure) manifest.departureDate = departure.date;
  if (arrival) manifest.arrivalDate = arrival.date;
  else problems.push({ segment: transport?.tdt ?? bgm, code: "13", message: "DTM+132 (estimated arrival) or DTM+178 (actual arrival) is missing" });
  if (documentDate) manifest[result.function === "replacement" ? "manifestAmendedAt" : "manifestFiledAt"] = documentDate.dateTime;
  result.amendedAfterDeparture = result.function === "replacement" && !!departure && !!documentDate && documentDate.dateTime > departure.dateTime;

  const equipmentByNumber = streamed?.equipmentByNumber ?? indexEquipment(groups.equipment, problems);
  const shipments: ShipmentDraft[] = streamed?.drafts ?? [];
  for (const consignment of groups.consignments) {
    const mapped = consignmentShipments(consignment, equipmentByNumber, settings, decimalMark, problems);
    shipments.push(...mapped.drafts);
    result.shipments.push(...mapped.traces);
  }
  if (result.amendedAfterDeparture) for (const shipment of shipments) shipment.attributes = { amendedAfterDeparture: true };
  manifest.shipments = shipments;
  result.manifest = manifest;
  return result;
}

/** The message's containers by number; a missing or repeated number is a problem. */
export function indexEquipment(equipment: readonly Equipment[], problems: Problem[]): Map<string, Equipment> {
  const equipmentByNumber = new Map<string, Equipment>();
  for (const item of equipment) {
    if (!item.number) problems.push({ segment: item.segment, element: 2, code: "13", message: "EQD equipment identification (C237) is missing" });
    else if (equipmentByNumber.has(item.number)) problems.push({ segment: item.segment, element: 2, code: "12", message: `EQD ${item.number} is declared twice in the message` });
    else equipmentByNumber.set(item.number, item);
  }
  return equipmentByNumber;
}

function vesselOf(tdt: Segment, groups: CuscarGroups, settings: EdifactMappingSettings, voyage: VoyageTrace): Record<string, unknown> {
  const location = settings.imoNumber;
  let imo = "";
  if (location.segment === "TDT") {
    imo = value(tdt, location.element, location.component);
    voyage.imo = tdt;
  } else {
    const rff = groups.references.find((r) => value(r, 1, 1) === location.qualifier);
    imo = rff ? value(rff, 1, 2) : "";
    voyage.imo = rff ?? tdt;
  }
  const vessel: Record<string, unknown> = { imo: imo.replace(/^IMO\s*/i, ""), name: value(tdt, 8, 4) };
  const voyageNumber = value(tdt, 2) || value(groups.references.find((r) => value(r, 1, 1) === "VON"), 1, 2);
  if (voyageNumber) vessel.voyage = voyageNumber;
  return vessel;
}

/** Carrier from NAD+CA (SCAC in C082 when it looks like one, name in C080), else TDT C040. */
function carrierOf(groups: CuscarGroups, tdt: Segment | undefined, voyage: VoyageTrace): Record<string, unknown> | undefined {
  const nad = groups.carriers.find((n) => value(n, 1) === "CA");
  const id = nad ? value(nad, 2) : value(tdt, 5, 1);
  const name = nad ? componentsOf(nad.elements[3]).map((p) => p.trim()).filter(Boolean).join(" ") : value(tdt, 5, 4);
  const carrier: Record<string, unknown> = {};
  if (/^[A-Z]{2,4}$/.test(id.toUpperCase())) carrier.scac = id.toUpperCase();
  if (name) carrier.name = name;
  voyage.carrier = nad ?? tdt;
  return Object.keys(carrier).length > 0 ? carrier : undefined;
}

/** The first DTM with the first of `qualifiers` present (e.g. actual departure before estimated). */
function dateOf(dates: Segment[], qualifiers: string[], problems: Problem[]): { segment: Segment; date: string; dateTime: string } | undefined {
  for (const qualifier of qualifiers) {
    const segment = dates.find((dtm) => value(dtm, 1, 1) === qualifier);
    if (!segment) continue;
    const read = readDate(segment);
    if (!read.ok) {
      problems.push(read.problem);
      return undefined;
    }
    return { segment, date: read.value.date, dateTime: read.value.dateTime };
  }
  return undefined;
}
