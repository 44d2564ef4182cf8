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
};

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
  return label;
}
