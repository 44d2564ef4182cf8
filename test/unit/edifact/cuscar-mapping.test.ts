// Every CUSCAR mapping rule, without a database: syntax by the library,
// envelope counts, the mapping to the manifest contract and the national
// settings. The round trip through the fixture writer checks all fields at once.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { mapCuscar, type MappedMessage } from "../../../core/edifact/cuscar-to-manifest.js";
import { tokenize } from "../../../core/edifact/edifact-syntax.js";
import { readEnvelope } from "../../../core/edifact/interchange-envelope.js";
import { writeCusres } from "../../../core/edifact/edifact-replies.js";
import { DEFAULT_MAPPING_SETTINGS, edifactMappingSettingsSchema, resolvedQualifiers, type EdifactMappingSettings } from "../../../core/edifact/mapping-settings.js";
import { prepareMessage } from "../../../core/edifact/receive-message.js";
import { parsedManifestHash } from "../../../core/manifests/content-hash.js";
import { fastManifest } from "../../../core/manifests/fast-manifest.js";
import { manifestSchema } from "../../../core/manifests/manifest-schema.js";
import { generateMegaCuscar } from "../../../fixtures/edifact/generate-mega-cuscar.js";

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/edifact/${name}`, import.meta.url), "latin1");

function map(text: string, settings: EdifactMappingSettings = DEFAULT_MAPPING_SETTINGS): MappedMessage[] {
  const tokens = tokenize(text);
  if (!tokens.ok) throw new Error(tokens.fault.message);
  const envelope = readEnvelope(tokens.segments);
  expect(envelope.faults).toEqual([]);
  return envelope.messages.map((message) => mapCuscar(message, settings, tokens.decimalMark));
}

/** A one-message interchange around the given body segments (UNT and UNZ counted). */
function interchange(body: string[], una = "UNA:+.? '"): string {
  const message = ["UNH+1+CUSCAR:D:97B:UN'", ...body];
  return [una, "UNB+UNOC:3+SND+RCV+260101:0000+T1'", ...message, `UNT+${message.length + 1}+1'`, "UNZ+1+T1'"].join("\n");
}

const VOYAGE = [
  "BGM+85+DOC1+9'", "DTM+137:202601010000:203'", "TDT+20+V1+1++ABCD:172:20:ABC LINES+++9074729:146:11:MSC AURORA'",
  "LOC+9+ECGYE'", "LOC+11+BEANR'", "DTM+133:20260102:102'", "DTM+132:20260120:102'",
];

describe("mapping CUSCAR to the manifest contract", () => {
  test("the two-container fixture: voyage from TDT/LOC/DTM, containers from EQD/MEA/SEL, B/L from CNI/RFF, parties from NAD, goods from GID/FTX/MEA/SGP/CST", () => {
    const [mapped] = map(fixture("two-containers.edi"));
    expect(mapped!.problems).toEqual([]);
    const manifest = mapped!.manifest as Record<string, unknown>;
    expect(manifest).toMatchObject({
      manifestRef: "MAEU312W0007", carrier: { scac: "MAEU", name: "MAERSK A/S" }, vessel: { imo: "9619907", name: "MAERSK ESSEN", voyage: "312W" },
      portOfLoading: "COCTG", transshipmentPorts: ["PAMIT"], portOfDischarge: "BEANR", departureDate: "2025-12-28", arrivalDate: "2026-01-12", manifestFiledAt: "2025-12-28T09:30:00Z",
    });
    const [first, second] = manifest.shipments as Record<string, unknown>[];
    expect(first).toMatchObject({
      billOfLading: "MAEU231004417", containerNumber: "MSKU9070323", containerType: "45R1", sealNumbers: ["ML-4471023"], isEmpty: false,
      shipper: { name: "FRUTAS DEL CARIBE S.A.S.", address: "CRA 3 8-129, CARTAGENA, 130001", country: "CO", id: "CO900123456" },
      forwarder: { name: "ANDES FREIGHT", address: "BOGOTA", country: "CO", id: "CO800765432" },
      hsCodes: ["080390"], goodsDescription: "FRESH BANANAS", packages: 1080, packageType: "CT", grossWeightKg: 21450, netWeightKg: 19440, placeOfDelivery: "BEGNE", countryOfOrigin: "CO",
    });
    // Two goods items in one container: codes, descriptions, packages and weights add up.
    expect(second).toMatchObject({ houseBillOfLading: "ANF-HB-22871", hsCodes: ["090111", "170113"], goodsDescription: "GREEN COFFEE BEANS, NOT ROASTED; PANELA (CANE SUGAR) BLOCKS", packages: 315, grossWeightKg: 18230.5, sealNumbers: ["ML-4471024", "CO-DIAN-88812"] });
    expect(manifestSchema(100).safeParse(manifest).success).toBe(true);
  });

  test("a 300-container manifest written as CUSCAR maps back to exactly the same manifest (same content hash)", () => {
    const mega = generateMegaCuscar(7, 300);
    const [mapped] = map(mega.text);
    expect(mapped!.problems).toEqual([]);
    const fromEdifact = manifestSchema(1000).parse(mapped!.manifest);
    const fromJson = manifestSchema(1000).parse(JSON.parse(JSON.stringify(mega.json)));
    expect(fromEdifact).toEqual(fromJson);
    expect(parsedManifestHash(fromEdifact)).toBe(parsedManifestHash(fromJson));
  });

  test("release characters: ?' ?+ ?: and ?? in party names and descriptions come out as the characters", () => {
    const [mapped] = map(fixture("escapes.edi"));
    const [shipment] = (mapped!.manifest as { shipments: Record<string, { name: string }>[] }).shipments;
    expect(shipment!.shipper!.name).toBe("O'BRIEN + ZONEN TRADING B.V.");
    expect(shipment!.consignee!.name).toBe('IMPORTADORA "LA COSTA" S.A. 50:50');
    expect(shipment!.forwarder!.name).toBe("ACME ? PARTNERS LOGISTICS");
    expect((shipment as unknown as { goodsDescription: string }).goodsDescription).toBe("MACHINE PARTS, 'AS IS' + SPARES");
  });

  test("actual dates win over estimated ones; a replacement dated after departure is flagged on every shipment", () => {
    const [mapped] = map(fixture("replacement.edi"));
    expect(mapped).toMatchObject({ function: "replacement", amendedAfterDeparture: true, documentDateTime: "2025-12-30T14:15:00Z" });
    const manifest = mapped!.manifest as { departureDate: string; manifestAmendedAt: string; manifestFiledAt?: string; shipments: { attributes: unknown }[] };
    expect(manifest.departureDate).toBe("2025-12-28");
    expect(manifest.manifestAmendedAt).toBe("2025-12-30T14:15:00Z");
    expect(manifest.manifestFiledAt).toBeUndefined();
    expect(manifest.shipments.every((s) => (s.attributes as { amendedAfterDeparture: boolean }).amendedAfterDeparture)).toBe(true);
  });

  test("a cancellation needs only BGM: no manifest is built", () => {
    const [mapped] = map(fixture("cancellation.edi"));
    expect(mapped).toMatchObject({ function: "cancellation", documentNumber: "MAEU312W0007", manifest: null, problems: [] });
  });

  test("a goods item split over two containers shares weight and packages by SGP; tonnes and pounds become kilograms; a decimal comma is read", () => {
    const body = [...VOYAGE, "EQD+CN+MSKU9070323+45G1'", "EQD+CN+MSKU4182568+22G1'", "CNI+1+BL1'", "NAD+CZ+++SHIPPER LTD'",
      "GID+1+100:CT'", "FTX+AAA+++SHOES'", "MEA+AAE+G+TNE:10,5'", "SGP+MSKU9070323+75'", "SGP+MSKU4182568+25'", "CST++640399'",
      "GID+2+10:CT'", "FTX+AAA+++BAGS'", "MEA+AAE+G+LBR:1000'", "SGP+MSKU4182568+10'", "CST++420292'"];
    const [mapped] = map(interchange(body, "UNA:+,? '"));
    expect(mapped!.problems).toEqual([]);
    const [a, b] = (mapped!.manifest as { shipments: Record<string, unknown>[] }).shipments;
    expect(a).toMatchObject({ containerNumber: "MSKU9070323", packages: 75, grossWeightKg: 7875, hsCodes: ["640399"] });
    expect(b).toMatchObject({ containerNumber: "MSKU4182568", packages: 35, grossWeightKg: 2625 + 453.592, hsCodes: ["640399", "420292"], goodsDescription: "SHOES; BAGS" });
  });

  test("one container and no SGP: the goods are in it; the carrier falls back to TDT C040; an empty container is empty", () => {
    const body = [...VOYAGE, "EQD+CN+MSKU9070323+22G1+++4'", "CNI+1+BL9'", "GID+1'", "FTX+AAA+++EMPTY RETURN'"];
    const [mapped] = map(interchange(body));
    const manifest = mapped!.manifest as { carrier: unknown; shipments: Record<string, unknown>[] };
    expect(manifest.carrier).toEqual({ scac: "ABCD", name: "ABC LINES" });
    expect(manifest.shipments[0]).toMatchObject({ billOfLading: "BL9", containerNumber: "MSKU9070323", isEmpty: true });
  });

  test("what cannot be mapped is a problem pointing at its segment and element", () => {
    const body = [...VOYAGE, "EQD+CN+MSKU9070323'", "EQD+CN+MSKU9070323'", "CNI+1'", "CNI+2+BL2'", "GID+1+5:CT'", "MEA+AAE+G+XYZ:5'", "SGP+ABCU1234560+5'", "DTM+999:2026-01-01:102'"];
    const [mapped] = map(interchange(body));
    // Positions count from UNB here; the reply counts from UNH (receive-message.ts).
    const found = mapped!.problems.map((p) => [p.segment.tag, p.segment.position, p.element, p.code]).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(found).toEqual([
      ["EQD", 11, 2, "12"],
      ["CNI", 12, 2, "13"],
      ["MEA", 15, 3, "14"],
      ["SGP", 16, 1, "12"],
    ]);
  });

  // A positive offset is released (?+): "+" separates data elements.
  test("DTM with a time zone (205 ZHHMM, 303 and 304 ZZZ): the calendar date as written, the instant in UTC", () => {
    const body = ["BGM+85+DOC3+9'", "DTM+137:202512281430?+0100:205'", "TDT+20+V1+1++ABCD:172+++9074729:146:11:MSC AURORA'", "LOC+9+ECGYE'", "LOC+11+BEANR'",
      "DTM+133:202512282330-05:303'", "DTM+132:20260112101530UTC:304'", "EQD+CN+MSKU9070323+45G1'", "CNI+1+BL1'", "GID+1'", "FTX+AAA+++TOYS'"];
    const [mapped] = map(interchange(body));
    expect(mapped!.problems).toEqual([]);
    expect(mapped!.manifest).toMatchObject({ manifestFiledAt: "2025-12-28T13:30:00Z", departureDate: "2025-12-28", arrivalDate: "2026-01-12" });
  });

  test("a replacement is amended after departure by the instants, zones applied: 01:00 at +02 is before 23:30 the day before at -05", () => {
    const body = (document: string) => ["BGM+85+DOC4+5'", document, "TDT+20+V1+1++ABCD:172+++9074729:146:11:MSC AURORA'", "LOC+9+ECGYE'", "LOC+11+BEANR'",
      "DTM+186:202512282330-0500:205'", "DTM+132:20260112:102'", "EQD+CN+MSKU9070323+45G1'", "CNI+1+BL1'", "GID+1'", "FTX+AAA+++TOYS'"];
    const [before] = map(interchange(body("DTM+137:202512290100?+02:303'")));
    expect(before).toMatchObject({ amendedAfterDeparture: false, documentDateTime: "2025-12-28T23:00:00Z" });
    const [after] = map(interchange(body("DTM+137:202512290500Z:303'")));
    expect(after).toMatchObject({ amendedAfterDeparture: true, documentDateTime: "2025-12-29T05:00:00Z" });
  });

  test("DTM: an unknown zone, a value not in its format and an unknown format are problems at the element", () => {
    const body = ["BGM+85+DOC5+9'", "DTM+137:202512281430XYZ:303'", "TDT+20+V1+1++ABCD:172+++9074729:146:11:MSC AURORA'", "LOC+9+ECGYE'", "LOC+11+BEANR'",
      "DTM+133:2025-12-28:102'", "DTM+132:20260112:constructor'", "EQD+CN+MSKU9070323+45G1'", "CNI+1+BL1'", "GID+1'", "FTX+AAA+++TOYS'"];
    const [mapped] = map(interchange(body));
    expect(mapped!.problems.map((p) => [p.segment.tag, p.element, p.component, p.code, p.message])).toEqual(expect.arrayContaining([
      ["DTM", 1, 2, "12", expect.stringContaining("time zone XYZ")],
      ["DTM", 1, 2, "12", expect.stringContaining("does not match format 102")],
      ["DTM", 1, 3, "14", expect.stringContaining("date format constructor is not supported")],
    ]));
  });

  test("BGM: a function other than 9, 5 or 1 is refused, and a missing document number is named", () => {
    const [mapped] = map(interchange(["BGM+85++4'"]));
    expect(mapped!.problems.map((p) => [p.segment.tag, p.element, p.code])).toEqual([["BGM", 2, "13"], ["BGM", 3, "14"]]);
  });
});

describe("national mapping settings", () => {
  const body = [
    "BGM+85+DOC2+9'", "RFF+IMO:9074729'", "TDT+20+V2+1++ABCD:172+++CALLSIGN9:103::MSC AURORA'", "LOC+9+ECGYE'", "LOC+13+PAMIT'", "LOC+64+COCTG'", "LOC+11+BEANR'",
    "DTM+132:20260120:102'", "EQD+CN+MSKU9070323+45G1'", "CNI+1+BL1'", "NAD+FW+++FW PARTY'", "NAD+FR+++FR PARTY'", "GID+1'", "FTX+AAA+++TOYS'",
  ];

  test("defaults follow the standard: LOC+13 transhipment, NAD+FW forwarder, IMO in TDT C222", () => {
    const [mapped] = map(interchange(body));
    const manifest = mapped!.manifest as { transshipmentPorts: string[]; vessel: { imo: string }; shipments: { forwarder: { name: string } }[] };
    expect(manifest.transshipmentPorts).toEqual(["PAMIT"]);
    expect(manifest.vessel.imo).toBe("CALLSIGN9");
    expect(manifest.shipments[0]!.forwarder.name).toBe("FW PARTY");
  });

  test("a guide's variants: more transhipment qualifiers, another forwarder qualifier, the IMO number in RFF", () => {
    const settings = edifactMappingSettingsSchema.parse({ transhipmentLocQualifiers: ["13", "64"], forwarderNadQualifier: "FR", imoNumber: { segment: "RFF", qualifier: "IMO" } });
    const [mapped] = map(interchange(body), settings);
    const manifest = mapped!.manifest as { transshipmentPorts: string[]; vessel: { imo: string }; shipments: { forwarder: { name: string } }[] };
    expect(manifest.transshipmentPorts).toEqual(["PAMIT", "COCTG"]);
    expect(manifest.vessel.imo).toBe("9074729");
    expect(manifest.shipments[0]!.forwarder.name).toBe("FR PARTY");
  });
});

describe("declared value, freight terms, declarant, booking date and place of stuffing", () => {
  const shipmentsOf = (mapped: MappedMessage) => (mapped.manifest as { shipments: Record<string, unknown>[] }).shipments;
  const CONSIGNMENT = ["EQD+CN+MSKU9070323+45G1'", "CNI+1+BL1'", "NAD+CZ+++SHIPPER LTD'"];

  test("the fixture: MOA+40 per goods item (summed per container), CPI 4237 P and C231 CC, NAD+DT, DTM+179", () => {
    const [mapped] = map(fixture("declared-values.edi"));
    expect(mapped!.problems).toEqual([]);
    const [first, second] = shipmentsOf(mapped!);
    expect(first).toMatchObject({
      declaredValue: { amount: 18360, currency: "USD" }, freightTerms: "prepaid", bookingDate: "2025-12-10",
      declarant: { name: "ANTWERP CUSTOMS BROKERS NV", address: "NOORDERLAAN 147, ANTWERPEN, 2030", country: "BE", id: "BE0411905847" },
    });
    expect(second).toMatchObject({ declaredValue: { amount: 64015.5, currency: "USD" }, freightTerms: "collect", bookingDate: "2025-12-12" });
    expect(second!.declarant).toBeUndefined();
    // Neither field is in the standard's LOC list by default: no place of stuffing unless the unit names its qualifier.
    expect(first!.stuffingLocation).toBeUndefined();
    const parsed = manifestSchema(100).safeParse(mapped!.manifest);
    expect(parsed.success).toBe(true);
    expect(fastManifest(mapped!.manifest, 100)).toEqual(parsed.data);
  });

  test("a goods item split over two containers shares its declared value by the packages SGP puts in each", () => {
    const body = [...VOYAGE, "EQD+CN+MSKU9070323+45G1'", "EQD+CN+MSKU4182568+22G1'", "CNI+1+BL1'", "NAD+CZ+++SHIPPER LTD'",
      "GID+1+100:CT'", "FTX+AAA+++SHOES'", "MOA+40:1000,10:EUR'", "SGP+MSKU9070323+75'", "SGP+MSKU4182568+25'"];
    const [mapped] = map(interchange(body, "UNA:+,? '"));
    expect(mapped!.problems).toEqual([]);
    const [a, b] = shipmentsOf(mapped!);
    expect(a!.declaredValue).toEqual({ amount: 750.08, currency: "EUR" });
    expect(b!.declaredValue).toEqual({ amount: 250.03, currency: "EUR" });
  });

  test("a container whose goods items do not all declare a value gets none (a part would understate it)", () => {
    const body = [...VOYAGE, ...CONSIGNMENT, "GID+1+10:CT'", "FTX+AAA+++SHOES'", "MOA+40:100:EUR'", "GID+2+5:CT'", "FTX+AAA+++BAGS'"];
    const [mapped] = map(interchange(body));
    expect(mapped!.problems).toEqual([]);
    expect(shipmentsOf(mapped!)[0]!.declaredValue).toBeUndefined();
  });

  test("CPI: 4237 A (payable elsewhere) and a 4215 method that is neither prepaid nor collect leave freightTerms out", () => {
    for (const cpi of ["CPI+1++A'", "CPI+1+DF'"]) {
      const [mapped] = map(interchange([...VOYAGE, ...CONSIGNMENT, cpi, "GID+1'", "FTX+AAA+++TOYS'"]));
      expect(mapped!.problems).toEqual([]);
      expect(shipmentsOf(mapped!)[0]!.freightTerms).toBeUndefined();
    }
  });

  test("malformed values are problems at their segment, element and component", () => {
    const body = [...VOYAGE, "EQD+CN+MSKU9070323+45G1'", "EQD+CN+MSKU4182568+22G1'",
      "CNI+1+BL1'", "DTM+179:20251340:102'", "CPI+1++X'", "NAD+CZ+++SHIPPER LTD'", "GID+1+1:CT'", "FTX+AAA+++SHOES'", "MOA+40:12.3.4:USD'", "SGP+MSKU9070323+1'",
      "CNI+2+BL2'", "NAD+CZ+++SHIPPER LTD'", "GID+1+1:CT'", "FTX+AAA+++BAGS'", "MOA+40:100'", "SGP+MSKU4182568+1'",
      "CNI+3+BL3'", "NAD+CZ+++SHIPPER LTD'", "GID+1+1:CT'", "FTX+AAA+++HATS'", "MOA+40:100:USD'", "SGP+MSKU4182568+1'", "GID+2+1:CT'", "FTX+AAA+++CAPS'", "MOA+40:100:EUR'", "SGP+MSKU4182568+1'"];
    const [mapped] = map(interchange(body));
    const found = mapped!.problems.map((p) => [p.segment.tag, p.segment.position, p.element, p.component, p.code]).sort((a, b) => Number(a[1]) - Number(b[1]));
    // Positions count from UNB: UNH is 2, the body starts at 3.
    expect(found).toEqual([
      ["DTM", 13, 1, 2, "12"],
      ["CPI", 14, 3, undefined, "12"],
      ["MOA", 18, 1, 2, "12"],
      ["MOA", 24, 1, 3, "13"],
      ["MOA", 34, 1, 3, "12"],
    ]);
  });

  test("a currency the schema refuses is answered at MOA element 1, component 3, in the CUSRES too", () => {
    const tokens = tokenize(interchange([...VOYAGE, ...CONSIGNMENT, "GID+1+1:CT'", "FTX+AAA+++SHOES'", "MOA+40:100:XYZ'"]));
    if (!tokens.ok) throw new Error(tokens.fault.message);
    const [message] = readEnvelope(tokens.segments).messages;
    const prepared = prepareMessage(message!, DEFAULT_MAPPING_SETTINGS, ".", 100);
    expect(prepared.outcome.errors).toEqual([expect.objectContaining({ segment: "MOA", segmentPosition: 14, element: 1, component: 3, code: "12" })]);
    expect(prepared.outcome.errors[0]!.message).toMatch(/^shipments\[0\]\.declaredValue\.currency: /);
    const reply = writeCusres({ controlReference: "PC1", at: new Date("2026-01-01T00:00:00Z"), inbound: null }, [prepared.outcome]).split("\n");
    expect(reply).toContain("ERP++MOA:14'");
    expect(reply).toContain("BGM+785+DOC1+9+RE'");
  });

  test("a guide's variants: the declarant's agent (AE), another value qualifier, another booking qualifier, a place of stuffing", () => {
    const settings = edifactMappingSettingsSchema.parse({ declarantNadQualifier: "AE", declaredValueMoaQualifiers: ["146", "40"], bookingDateDtmQualifiers: ["ZZZ"], stuffingLocQualifiers: ["ZZ1"] });
    const body = [...VOYAGE, "EQD+CN+MSKU9070323+45G1'", "EQD+CN+MSKU4182568+22G1'",
      "CNI+1+BL1'", "DTM+179:20251201:102'", "DTM+ZZZ:20251203:102'", "LOC+ZZ1+:::MACHALA EC'", "NAD+CZ+++SHIPPER LTD'", "NAD+DT+++NOT READ'", "NAD+AE+++AGENT NV'",
      "GID+1+1:CT'", "FTX+AAA+++SHOES'", "MOA+40:100:USD'", "MOA+146:90:USD'", "SGP+MSKU9070323+1'",
      "CNI+2+BL2'", "LOC+ZZ1+ECMCH:139:6'", "NAD+CZ+++SHIPPER LTD'", "GID+1+1:CT'", "FTX+AAA+++BAGS'", "MOA+40:80:USD'", "SGP+MSKU4182568+1'"];
    const [custom] = map(interchange(body), settings);
    expect(custom!.problems).toEqual([]);
    const [a, b] = shipmentsOf(custom!);
    expect(a).toMatchObject({ declarant: { name: "AGENT NV" }, declaredValue: { amount: 90, currency: "USD" }, bookingDate: "2025-12-03", stuffingLocation: "MACHALA EC" });
    expect(b).toMatchObject({ declaredValue: { amount: 80, currency: "USD" }, stuffingLocation: "ECMCH" });
    // The same message under the standard's defaults.
    const [standard] = map(interchange(body));
    const [c] = shipmentsOf(standard!);
    expect(c).toMatchObject({ declarant: { name: "NOT READ" }, declaredValue: { amount: 100, currency: "USD" }, bookingDate: "2025-12-01" });
    expect(c!.stuffingLocation).toBeUndefined();
  });

  test("settings saved before these qualifiers existed read back unchanged: the standard's apply without being written into them", () => {
    expect(DEFAULT_MAPPING_SETTINGS).toEqual({ transhipmentLocQualifiers: ["13"], forwarderNadQualifier: "FW", imoNumber: { segment: "TDT", element: 8, component: 1 } });
    expect(resolvedQualifiers(DEFAULT_MAPPING_SETTINGS)).toEqual({ declarantNadQualifier: "DT", declaredValueMoaQualifiers: ["40"], bookingDateDtmQualifiers: ["179"], stuffingLocQualifiers: [] });
  });
});
