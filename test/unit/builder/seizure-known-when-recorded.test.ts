// A seizure is known from the day after it was recorded, not the day after its
// box arrived: a box opened three days after arrival links its parties only
// then. The builder's history walk dated it by arrival, so a record arriving
// between the two learnt (and was scored with) a link the unit did not have
// yet; the service's back-test counts a seizure only if inspected before the
// record's day (core/profiles/seizure-links-as-of.ts).
import { describe, expect, test } from "vitest";
import { addToBuilderHistory, type BuilderHistory } from "../../../core/history/builder-records.js";
import { mapHistoryLine } from "../../../core/history/manifest-history-line.js";
import type { HistoryRecord } from "../../../profiling/builder/build-profile.js";
import { FLAG_FALSE, FLAG_TRUE } from "../../../profiling/builder/feature-extract.js";
import type { FlagGroupSpec } from "../../../profiling/builder/feature-catalog.js";
import { prepareHistory } from "../../../profiling/builder/prepare-history.js";
import type { ShipmentInput } from "../../../profiling/shipment.js";

function box(id: string, shipper: string, consignee: string, date: string): ShipmentInput {
  return {
    id, transportMode: "sea", portOfLoading: "ECGYE", transshipmentPorts: [], portOfDischarge: "BEANR", containerNumber: "CSQU3054383", containerType: "45R1",
    sealNumbers: ["S1"], isEmpty: false, hsCodes: ["080390"], countryOfOrigin: "EC", currency: "USD", declaredValue: 18_000, grossWeightKg: 21_000, packages: 1_000,
    shipper: { name: shipper, country: "EC" }, consignee: { name: consignee, country: "BE" }, arrivalDate: date, attributes: {},
  };
}

const LINKED: FlagGroupSpec[] = [
  { kind: "flag", code: "LINK", label: "link", noun: "link", when: { op: "partySeizureLinked", role: "any" } },
  { kind: "flag", code: "ASSOCIATE", label: "associate", noun: "associate", when: { op: "partySeizureLinked", role: "any", degree: 2 } },
];

function flags(records: HistoryRecord[]): { link: number[]; associate: number[] } {
  const prepared = prepareHistory(records, [], LINKED);
  const [link, associate] = prepared.raw.columns;
  if (link?.kind !== "flag" || associate?.kind !== "flag") throw new Error("flag columns expected");
  return { link: [...link.flags], associate: [...associate.flags] };
}

const record = (id: string, shipper: string, consignee: string, date: string, over: Partial<HistoryRecord> = {}): HistoryRecord => ({
  shipment: box(id, shipper, consignee, date), date, label: { hit: false }, selectedBy: "profile", ...over,
});

describe("a seizure is known from the day after it was recorded", () => {
  // S's box arrives on 1 March, is opened on 5 March and found to hold cocaine.
  const seized = record("seized", "FRONT EXPORT SA", "FRONT IMPORT BV", "2025-03-01", { label: { hit: true, critical: true, commodity: "cocaine" }, inspectedAt: "2025-03-05" });
  const records = [
    seized,
    // Another box of the same shipper on 3 March: the seizure was not yet made.
    record("before", "FRONT EXPORT SA", "OTHER BV", "2025-03-03"),
    // On the day it was recorded: still not known (known from the next day).
    record("same-day", "FRONT EXPORT SA", "THIRD BV", "2025-03-05"),
    // The day after: linked, and OTHER BV (which shared a box with the shipper) is an associate.
    record("after", "FRONT EXPORT SA", "FOURTH BV", "2025-03-06"),
    record("associate", "UNRELATED SA", "OTHER BV", "2025-03-07"),
  ];

  test("records between arrival and inspection see no link; from the day after the inspection they do", () => {
    const { link, associate } = flags(records);
    expect(link).toEqual([FLAG_FALSE, FLAG_FALSE, FLAG_FALSE, FLAG_TRUE, FLAG_FALSE]);
    expect(associate).toEqual([FLAG_FALSE, FLAG_FALSE, FLAG_FALSE, FLAG_TRUE, FLAG_TRUE]);
  });

  test("without an inspection date the seizure is known from the day after arrival, as before", () => {
    const { inspectedAt: _i, ...undated } = seized;
    const { link } = flags([undated, ...records.slice(1)]);
    expect(link).toEqual([FLAG_FALSE, FLAG_TRUE, FLAG_TRUE, FLAG_TRUE, FLAG_FALSE]);
  });

  test("an inspection date-time counts by its UTC day; one before arrival changes nothing", () => {
    expect(flags([{ ...seized, inspectedAt: "2025-03-05T23:30:00-05:00" }, ...records.slice(1)]).link[3]).toBe(FLAG_FALSE);
    expect(flags([{ ...seized, inspectedAt: "2025-02-27" }, ...records.slice(1)]).link).toEqual([FLAG_FALSE, FLAG_TRUE, FLAG_TRUE, FLAG_TRUE, FLAG_FALSE]);
  });

  test("a history file's inspectedAt reaches the builder's record", () => {
    const history: BuilderHistory = { records: [], unlabelled: [] };
    const line = {
      manifestRef: "M1", portOfLoading: "ECGYE", transshipmentPorts: [], portOfDischarge: "BEANR", arrivalDate: "2025-03-01", billOfLading: "B1", containerNumber: "CSQU3054383",
      containerType: "45R1", sealNumbers: ["S1"], shipper: { name: "FRONT EXPORT SA", country: "EC" }, consignee: { name: "FRONT IMPORT BV", country: "BE" }, hsCodes: ["080390"],
      goodsDescription: "BANANAS", packages: 1000, packageType: "CT", grossWeightKg: 21000, declaredValue: { amount: 18000, currency: "USD" }, countryOfOrigin: "EC", freightTerms: "prepaid",
      outcome: { inspected: true, hit: true, commodity: "cocaine", selectedBy: "profile", inspectedAt: "2025-03-05" },
    };
    const mapped = mapHistoryLine(line, 1);
    if (!mapped.ok) throw new Error(mapped.reasons.join("; "));
    addToBuilderHistory(history, mapped.row);
    expect(history.records[0]!.inspectedAt).toBe("2025-03-05");
  });
});
