// An indicator's label in the reader's language. Labels are profile data,
// written by analysts in one language, so most show as written; the labels we
// ship (the baseline profiles in fixtures/profiles) and those the profile
// builder writes (profiling/builder/candidate-groups.ts) are known texts, and
// read in Spanish from the message files. Keyed by the English text, not the
// indicator code: an analyst who rewrites a label sees their own words.
import type { MessageKey, Translate } from "./i18n.js";

const KNOWN: Readonly<Record<string, MessageKey>> = {
  // fixtures/profiles/baseline.json
  "Loaded or transshipped in a source region for cocaine": "ind.srcRoute",
  "Fruit in a reefer container from a source region": "ind.fruitReeferSrc",
  "Consignee first seen by the unit within 90 days": "ind.newConsignee90",
  "Generic goods description": "ind.genericDesc",
  "Value per kg far from the unit's median for the HS code and origin": "ind.valueAnomaly",
  "Gross weight implausible for the container or the packages": "ind.weightImplausible",
  "Seal numbers missing or duplicated on a full container": "ind.sealIssueFull",
  "Freight collect with a consignee new to the unit": "ind.collectNewConsignee",
  "Manifest amended less than 24 hours before arrival": "ind.lateAmendment",
  "Container number fails the ISO 6346 check digit": "ind.checkDigit",
  // fixtures/profiles/baseline-air.json
  "Air waybill number malformed or failing its check digit": "ind.awbInvalid",
  "Flown from, or goods originating in, a source country for cocaine": "ind.srcOrigin",
  "Consignee first seen by the unit within 90 days of arrival": "ind.newConsignee90Arrival",
  "Shipper first seen by the unit within 90 days of arrival": "ind.newShipper90Arrival",
  "Consignee without a registration or tax number": "ind.consigneeNoId",
  "Consignee address is a post-office box, a flat or a residence": "ind.residentialAddress",
  "Weight per piece implausible for loose air cargo": "ind.kgPerPiece",
  "Consignee or shipper was a party of a past seizure of the unit": "ind.seizureLinked",
  "A party shared a shipment with a party of a past seizure": "ind.seizureShared",
  "The cargo agency is also the consignee": "ind.forwarderAsConsignee",
  "Freight collect with a shipper or consignee new to the unit": "ind.collectNewParty",
  "Waybill line amended after filing": "ind.amended",
  // profiling/builder/candidate-groups.ts (flags the builder names itself)
  "A party of a past seizure": "ind.b.partyOfSeizure",
  "Consignee of a past seizure": "ind.b.consigneeOfSeizure",
  "Shipper of a past seizure": "ind.b.shipperOfSeizure",
  "A party that shared a shipment with a party of a past seizure": "ind.b.sharedWithSeizure",
  "Forwarder named as consignee": "ind.b.forwarderAsConsignee",
  "Generic or vague goods description": "ind.b.genericDesc",
  "Seal missing or repeated": "ind.b.sealIssue",
  "Gross weight implausible for the container": "ind.b.weightImplausible",
  "Container number fails its ISO 6346 check digit": "ind.b.checkDigit",
  "Value per kg below half the median of its HS code": "ind.b.valueBelowHalf",
  "Loaded or transshipped in a cocaine source or transit country": "ind.b.srcCountry",
  // profiling/builder/candidate-groups.ts (tables: points per value of a key)
  "Shipper's country": "ind.t.shipperCountry",
  "Forwarder's country": "ind.t.forwarderCountry",
  "Shipper with this consignee": "ind.t.shipperConsignee",
  "Consignee with this forwarder": "ind.t.consigneeForwarder",
  "Shipper with this consignee (by id)": "ind.t.shipperConsigneeId",
  "Consignee with this declarant (by id)": "ind.t.consigneeDeclarantId",
  "Consignee with this HS heading": "ind.t.consigneeHs4",
  "Consignee with this HS heading (by id)": "ind.t.consigneeIdHs4",
  "Declarant with this HS heading (by id)": "ind.t.declarantIdHs4",
  "Port of loading": "ind.t.loadingPort",
  "Country of the port of loading": "ind.t.loadingCountry",
  "Port of loading with first transshipment port": "ind.t.loadingVia",
  "Number of transshipments": "ind.t.transshipments",
  "Port of discharge": "ind.t.dischargePort",
  "Carrier": "ind.t.carrier",
  "HS chapter": "ind.t.hs2",
  "HS heading": "ind.t.hs4",
  "HS subheading": "ind.t.hs6",
  "Country of origin": "ind.t.origin",
  "Country of departure": "ind.t.departure",
  "HS chapter from this origin": "ind.t.hs2Origin",
  "HS heading from this origin": "ind.t.hs4Origin",
  "HS subheading from this origin": "ind.t.hs6Origin",
  "HS heading in a reefer (true) or dry (false) container": "ind.t.hs4Reefer",
  "HS chapter, reefer or dry, from this origin": "ind.t.hs2ReeferOrigin",
  "HS heading loaded in this port": "ind.t.hs4Loading",
  "HS chapter transshipped in this port": "ind.t.hs2Via",
  "Container size-type": "ind.t.containerType",
  "Package type": "ind.t.packageType",
  "Freight terms": "ind.t.freightTerms",
  "Freight terms with the forwarder's country": "ind.t.freightForwarderCountry",
  "Freight terms with the shipper's country": "ind.t.freightShipperCountry",
};

/** The builder's numeric bands, by the name their label starts with ("Net mass 30 to under 100 kg"). */
const BAND_NAMES: Readonly<Record<string, MessageKey>> = {
  "Value per kg against the median of its HS code": "ind.t.valueRatio",
  "Declared value per kg": "ind.t.valuePerKg",
  "Net mass": "ind.t.netMass",
  "Gross kg per package": "ind.t.kgPerPackage",
  "Days from booking to departure": "ind.t.bookingLead",
  "Hours the manifest was amended before arrival": "ind.t.amendedBeforeArrival",
  "HS subheading at a net mass of": "ind.t.hs6Mass",
};
// The names are plain words: nothing in them to escape.
const BAND = new RegExp(
  `^(${Object.keys(BAND_NAMES).join("|")}) (?:below (-?[\\d.]+)|(-?[\\d.]+) to under (-?[\\d.]+)|(-?[\\d.]+)(.*) or more)(.*)$`,
);
/** A band's unit as profiling/builder/candidate-groups.ts writes it: words translated, kg, h and "USD/kg" as they are. */
const UNIT_WORDS: Readonly<Record<string, MessageKey>> = { " x median": "ind.unit.xMedian", " days": "ind.unit.days" };

/** The builder's "<Role>'s record in past inspections (by id)" and "(by name, no id given)". */
const PARTY_RECORD = /^(Shipper|Consignee|Notify party|Forwarder|Declarant)'s record in past inspections \((by id|by name, no id given)\)$/;
/** The builder's rules per list value: "Transshipped in PAMIT", "Route touches a port of EC". */
const TRANSSHIPPED_IN = /^Transshipped in (\S+)$/;
const ROUTE_COUNTRY = /^Route touches a port of (\S+)$/;

/** The builder's "<Role> first seen within <N> days". */
const FIRST_SEEN = /^(Shipper|Consignee|Notify party|Forwarder|Declarant) first seen within (\d+) days$/;
const ROLE: Readonly<Record<string, MessageKey>> = {
  Shipper: "party.shipper",
  Consignee: "party.consignee",
  "Notify party": "party.notify",
  Forwarder: "party.forwarder",
  Declarant: "party.declarant",
};

export function indicatorLabel(t: Translate, label: string): string {
  if (Object.hasOwn(KNOWN, label)) return t(KNOWN[label]!);
  const firstSeen = FIRST_SEEN.exec(label);
  if (firstSeen) return t("ind.b.firstSeen", { role: t(ROLE[firstSeen[1]!]!), days: Number(firstSeen[2]) });
  const record = PARTY_RECORD.exec(label);
  if (record) return t(record[2] === "by id" ? "ind.b.partyRecordId" : "ind.b.partyRecordName", { role: t(ROLE[record[1]!]!) });
  const via = TRANSSHIPPED_IN.exec(label);
  if (via) return t("ind.b.transshippedIn", { port: via[1]! });
  const country = ROUTE_COUNTRY.exec(label);
  if (country) return t("ind.b.routeCountry", { country: country[1]! });
  return bandLabel(t, label) ?? label;
}

/** A numeric band's label with its bounds in the reader's number format ("0,9 a menos de 0,95"), or null. */
function bandLabel(t: Translate, label: string): string | null {
  const band = BAND.exec(label);
  if (!band) return null;
  const [, name, below, from, under, atLeast, unitOrMore = "", unitAfter = ""] = band;
  const name_ = t(BAND_NAMES[name!]!);
  const unitText = (raw: string) => (Object.hasOwn(UNIT_WORDS, raw) ? t(UNIT_WORDS[raw]!) : raw);
  if (below !== undefined) return t("ind.band.below", { name: name_, max: Number(below), unit: unitText(unitAfter) });
  if (from !== undefined) return t("ind.band.between", { name: name_, min: Number(from), max: Number(under), unit: unitText(unitAfter) });
  return t("ind.band.orMore", { name: name_, min: Number(atLeast), unit: unitText(unitOrMore) });
}
