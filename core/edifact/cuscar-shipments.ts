// SG7 consignments to shipments: one shipment per (bill of lading, container)
// pair, as in the JSON contract. Goods items (SG14 GID) reach their container
// through SGP; a goods item split over several containers shares its weight
// between them in proportion to the packages SGP puts in each.
import { value, type Consignment, type Equipment, type GoodsItem } from "./cuscar-groups.js";
import { readDate, readFreightTerms, readMoney, readParty, readWeight, type FreightTerms, type PartyValue, type Problem } from "./cuscar-values.js";
import { resolvedQualifiers, type EdifactMappingSettings } from "./mapping-settings.js";
import { componentsOf, type Segment } from "./edifact-syntax.js";

/** The segments a shipment was built from: a business error on one of its fields points at them. */
export interface ShipmentTrace {
  consignment: Consignment;
  billOfLading: Segment;
  equipment: Equipment | undefined;
  placement: Segment | undefined;
  goods: GoodsItem[];
  parties: Partial<Record<PartyField, Segment>>;
  locations: Partial<Record<LocationField, Segment>>;
  /** CPI the freight terms came from, DTM the booking date. */
  charge: Segment | undefined;
  booking: Segment | undefined;
  /** MOA of the (first) goods item's declared value. */
  declaredValue: Segment | undefined;
}

type PartyField = "shipper" | "consignee" | "notifyParty" | "forwarder" | "declarant";
type LocationField = "placeOfDelivery" | "countryOfOrigin" | "countryOfDeparture" | "stuffingLocation";
type Qualifiers = ReturnType<typeof resolvedQualifiers>;
export type ShipmentDraft = Record<string, unknown>;

const LOCATION_FIELDS = new Map<string, LocationField>([["7", "placeOfDelivery"], ["27", "countryOfOrigin"], ["35", "countryOfDeparture"]]);

interface Share {
  goods: GoodsItem;
  placement: Segment | undefined;
  /** Fraction of the goods item's packages and weight in this container. */
  fraction: number;
  packages: number | undefined;
}

export function consignmentShipments(
  consignment: Consignment,
  equipmentByNumber: Map<string, Equipment>,
  settings: EdifactMappingSettings,
  decimalMark: string,
  problems: Problem[],
  /** False when the caller keeps no trace (a streamed message): none is built. */
  traced = true,
): { drafts: ShipmentDraft[]; traces: ShipmentTrace[] } {
  const master = consignment.references.find((rff) => value(rff, 1, 1) === "BM" && value(rff, 1, 2));
  const billOfLading = master ? value(master, 1, 2) : value(consignment.segment, 2);
  if (!billOfLading) {
    problems.push({ segment: consignment.segment, element: 2, code: "13", message: `CNI ${value(consignment.segment, 1)}: bill of lading missing (neither CNI C503 nor RFF+BM carries one)` });
    return { drafts: [], traces: [] };
  }
  const house = consignment.references.find((rff) => value(rff, 1, 1) === "BH" && value(rff, 1, 2));
  const houseBillOfLading = house ? value(house, 1, 2) : undefined;
  const qualifiers = resolvedQualifiers(settings);
  const parties = consignmentParties(consignment, settings, qualifiers, problems);
  const locations: ShipmentTrace["locations"] = {};
  const places: Partial<Record<LocationField, string>> = {};
  for (const loc of consignment.locations) {
    const qualifier = value(loc, 1);
    const field = LOCATION_FIELDS.get(qualifier) ?? (qualifiers.stuffingLocQualifiers.includes(qualifier) ? "stuffingLocation" : undefined);
    if (field && (value(loc, 2) || value(loc, 2, 4)) && !locations[field]) {
      locations[field] = loc;
      // A place of delivery or of stuffing may be a UN/LOCODE or only a name (C517 3224).
      places[field] = field === "placeOfDelivery" || field === "stuffingLocation" ? value(loc, 2) || value(loc, 2, 4) : value(loc, 2).toUpperCase();
    }
  }
  const terms = freightTermsOf(consignment, problems);
  const booking = bookingDateOf(consignment, qualifiers, problems);
  const byContainer = containerShares(consignment, equipmentByNumber, problems);
  const drafts: ShipmentDraft[] = [];
  const traces: ShipmentTrace[] = [];
  for (const [number, shares] of byContainer) {
    // Built field by field in one order, not spread from partial objects: a
    // 15,000-container message made the spreads (one object shape per mix of
    // present fields) a quarter of the mapping's time.
    const draft: ShipmentDraft = { billOfLading, containerNumber: number };
    if (houseBillOfLading) draft.houseBillOfLading = houseBillOfLading;
    if (parties.values.shipper) draft.shipper = parties.values.shipper;
    if (parties.values.consignee) draft.consignee = parties.values.consignee;
    if (parties.values.notifyParty) draft.notifyParty = parties.values.notifyParty;
    if (parties.values.forwarder) draft.forwarder = parties.values.forwarder;
    if (parties.values.declarant) draft.declarant = parties.values.declarant;
    if (places.placeOfDelivery) draft.placeOfDelivery = places.placeOfDelivery;
    if (places.countryOfOrigin) draft.countryOfOrigin = places.countryOfOrigin;
    if (places.countryOfDeparture) draft.countryOfDeparture = places.countryOfDeparture;
    if (places.stuffingLocation) draft.stuffingLocation = places.stuffingLocation;
    if (terms) draft.freightTerms = terms.value;
    if (booking) draft.bookingDate = booking.date;
    goodsFields(draft, shares, qualifiers, decimalMark, problems);
    const equipment = equipmentByNumber.get(number);
    if (equipment) equipmentFields(draft, equipment, shares, decimalMark, problems);
    drafts.push(draft);
    if (traced) traces.push({ consignment, billOfLading: master ?? consignment.segment, equipment, placement: shares[0]?.placement, goods: shares.map((s) => s.goods), parties: parties.segments, locations, charge: terms?.segment, booking: booking?.segment, declaredValue: shares[0] ? declaredValueSegment(shares[0].goods, qualifiers) : undefined });
  }
  return { drafts, traces };
}

/** The consignment's parties, read once and shared by its shipments. */
function consignmentParties(consignment: Consignment, settings: EdifactMappingSettings, qualifiers: Qualifiers, problems: Problem[]): { values: Partial<Record<PartyField, PartyValue>>; segments: ShipmentTrace["parties"] } {
  const values: Partial<Record<PartyField, PartyValue>> = {};
  const segments: ShipmentTrace["parties"] = {};
  for (const nad of consignment.parties) {
    const qualifier = value(nad, 1).toUpperCase();
    const field: PartyField | undefined =
      qualifier === "CZ" ? "shipper"
      : qualifier === "CN" ? "consignee"
      : qualifier === "NI" ? "notifyParty"
      : qualifier === settings.forwarderNadQualifier ? "forwarder"
      : qualifier === qualifiers.declarantNadQualifier ? "declarant"
      : undefined;
    if (!field || segments[field]) continue;
    const party = readParty(nad);
    if (!party.ok) problems.push(party.problem);
    else {
      segments[field] = nad;
      values[field] = party.value;
    }
  }
  return { values, segments };
}

/** Freight prepaid or collect from the consignment's CPI: the first that says either. */
function freightTermsOf(consignment: Consignment, problems: Problem[]): { value: FreightTerms; segment: Segment } | undefined {
  for (const cpi of consignment.charges) {
    const read = readFreightTerms(cpi);
    if (!read.ok) {
      problems.push(read.problem);
      return undefined;
    }
    if (read.value) return { value: read.value, segment: cpi };
  }
  return undefined;
}

/** The booking date (calendar date as written) from the consignment's DTM with a booking qualifier. */
function bookingDateOf(consignment: Consignment, qualifiers: Qualifiers, problems: Problem[]): { date: string; segment: Segment } | undefined {
  for (const qualifier of qualifiers.bookingDateDtmQualifiers) {
    const dtm = consignment.dates.find((segment) => value(segment, 1, 1) === qualifier);
    if (!dtm) continue;
    const read = readDate(dtm);
    if (!read.ok) {
      problems.push(read.problem);
      return undefined;
    }
    return { date: read.value.date, segment: dtm };
  }
  return undefined;
}

/** Goods items per container (in order of first mention), each with its share of the item. */
function containerShares(consignment: Consignment, equipmentByNumber: Map<string, Equipment>, problems: Problem[]): Map<string, Share[]> {
  const shares = new Map<string, Share[]>();
  const add = (number: string, share: Share) => {
    const list = shares.get(number);
    if (list) list.push(share);
    else shares.set(number, [share]);
  };
  const onlyContainer = equipmentByNumber.size === 1 ? [...equipmentByNumber.keys()][0] : undefined;
  for (const goods of consignment.goods) {
    const placements = goods.placements.filter((sgp) => value(sgp, 1));
    if (placements.length === 0) {
      // One container in the whole message: guides let SGP out, the goods can only be in it.
      if (onlyContainer) add(onlyContainer, { goods, placement: undefined, fraction: 1, packages: undefined });
      else problems.push({ segment: goods.segment, code: "13", message: `GID ${value(goods.segment, 1)}: the goods item is in no container (SGP missing)` });
      continue;
    }
    const counts = placements.map((sgp) => (value(sgp, 2) ? Number(value(sgp, 2)) : NaN));
    const total = counts.every(Number.isFinite) ? counts.reduce((a, b) => a + b, 0) : NaN;
    placements.forEach((sgp, index) => {
      const number = value(sgp, 1).toUpperCase().replace(/[\s-]/g, "");
      if (!equipmentByNumber.has(number)) problems.push({ segment: sgp, element: 1, code: "12", message: `SGP: container ${number} is not declared in any EQD of this message` });
      const packages = Number.isFinite(counts[index]) ? counts[index] : undefined;
      const fraction = total > 0 ? counts[index]! / total : 1 / placements.length;
      add(number, { goods, placement: sgp, fraction, packages });
    });
  }
  return shares;
}

/** Codes, descriptions, packages and weights of the goods items in one container, written into its draft. */
function goodsFields(draft: ShipmentDraft, shares: Share[], qualifiers: Qualifiers, decimalMark: string, problems: Problem[]): void {
  const hsCodes = new Set<string>();
  const descriptions = new Set<string>();
  let packages = 0;
  let packagesKnown = true;
  let gross = 0;
  let net = 0;
  let grossKnown = false;
  let netKnown = false;
  // A container's declared value is the sum of its goods items' (each by its
  // share in the container), only when every item declares one, in one currency.
  let declared: { amount: number; currency: string } | undefined;
  let declaredComplete = true;
  for (const { goods, fraction, packages: placed } of shares) {
    if (declaredComplete) {
      const moa = declaredValueSegment(goods, qualifiers);
      const money = moa ? readMoney(moa, decimalMark) : undefined;
      if (!moa || !money) declaredComplete = false;
      else if (!money.ok) {
        problems.push(money.problem);
        declaredComplete = false;
      } else if (declared && declared.currency !== money.value.currency) {
        problems.push({ segment: moa, element: 1, component: 3, code: "12", message: `MOA+${value(moa, 1, 1)}: currency ${money.value.currency} differs from ${declared.currency} of the other goods items in container ${String(draft.containerNumber)}` });
        declaredComplete = false;
      } else declared = { amount: (declared?.amount ?? 0) + money.value.amount * fraction, currency: money.value.currency };
    }
    for (const cst of goods.tariffs) {
      // C246 customs identity codes in elements 2-6: the code first, then qualifiers guides disagree on.
      for (let element = 2; element <= 6; element += 1) {
        const code = value(cst, element).replace(/[.\s]/g, "");
        if (code) hsCodes.add(code);
      }
    }
    for (const ftx of goods.descriptions) {
      if (value(ftx, 1) === "AAA") {
        const text = componentsOf(ftx.elements[3]).map((part) => part.trim()).filter(Boolean).join(" ");
        if (text) descriptions.add(text);
      }
    }
    const count = value(goods.segment, 2, 1);
    const itemPackages = placed ?? (count ? Math.round(Number(count) * fraction) : NaN);
    if (Number.isFinite(itemPackages)) packages += itemPackages;
    else packagesKnown = false;
    if (!draft.packageType && value(goods.segment, 2, 2)) draft.packageType = value(goods.segment, 2, 2);
    for (const mea of goods.measures) {
      const weight = readWeight(mea, decimalMark);
      if (!weight) continue;
      if (!weight.ok) problems.push(weight.problem);
      else if (weight.value.kind === "gross") {
        gross += weight.value.kg * fraction;
        grossKnown = true;
      } else {
        net += weight.value.kg * fraction;
        netKnown = true;
      }
    }
  }
  if (hsCodes.size > 0) draft.hsCodes = [...hsCodes];
  if (descriptions.size > 0) draft.goodsDescription = [...descriptions].join("; ");
  if (packagesKnown && shares.length > 0) draft.packages = packages;
  if (grossKnown) draft.grossWeightKg = Math.round(gross * 1000) / 1000;
  if (netKnown) draft.netWeightKg = Math.round(net * 1000) / 1000;
  if (declared && declaredComplete) {
    // Shares and sums are rounded to the cent; a single whole item keeps its amount as sent.
    const whole = shares.length === 1 && shares[0]!.fraction === 1;
    draft.declaredValue = { amount: whole ? declared.amount : Math.round(declared.amount * 100) / 100, currency: declared.currency };
  }
}

/** The goods item's MOA with the first declared-value qualifier present. */
export function declaredValueSegment(goods: GoodsItem, qualifiers: Qualifiers): Segment | undefined {
  for (const qualifier of qualifiers.declaredValueMoaQualifiers) {
    const moa = goods.amounts.find((segment) => value(segment, 1, 1) === qualifier);
    if (moa) return moa;
  }
  return undefined;
}

/**
 * EQD size-type, full/empty, SEL seals; the container's own MEA weight when the
 * goods items carry none and the box is not shared (8169 5 groupage and 7 LCL
 * hold several consignments, whose shares of that weight are unknown).
 */
function equipmentFields(draft: ShipmentDraft, equipment: Equipment, shares: Share[], decimalMark: string, problems: Problem[]): void {
  draft.isEmpty = equipment.fullEmpty === "4";
  draft.sealNumbers = equipment.seals.map((sel) => value(sel, 1)).filter(Boolean);
  if (equipment.sizeType) draft.containerType = equipment.sizeType;
  const goodsWeighed = shares.some((share) => share.goods.measures.length > 0);
  if (!goodsWeighed && equipment.fullEmpty !== "5" && equipment.fullEmpty !== "7") {
    for (const mea of equipment.measures) {
      const weight = readWeight(mea, decimalMark);
      if (!weight) continue;
      if (!weight.ok) problems.push(weight.problem);
      else draft[weight.value.kind === "gross" ? "grossWeightKg" : "netWeightKg"] = weight.value.kg;
    }
  }
}
