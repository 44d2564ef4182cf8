// A manifest-jsonl history line: the public contract's shipment with its
// voyage inline and an outcome, validated with the manifest schema's own
// pieces; each problem named by its field path; the reader streams lines,
// caps their size and keeps good lines beside bad ones.
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { mapHistoryLine } from "../../core/history/manifest-history-line.js";
import { readHistoryLines, type HistoryLineResult } from "../../core/history/read-history-lines.js";
import { EmptyFileError } from "../../core/history/read-records.js";
import { SELECTED_BY, SELECTION_STORED, selectedByOf } from "../../core/history/history-row.js";

const exampleText = readFileSync(new URL("../../fixtures/contract/history.example.jsonl", import.meta.url), "utf8");
const [banana, furniture] = exampleText.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>) as [Record<string, unknown>, Record<string, unknown>];

/** A fresh copy of the banana reefer line with some fields replaced (undefined removes one). */
function line(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const copy = structuredClone(banana);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
  }
  return copy;
}

const reasons = (value: unknown) => {
  const mapped = mapHistoryLine(value, 7);
  return mapped.ok ? [] : mapped.reasons;
};

async function readAll(text: string | string[], maxLineBytes?: number): Promise<HistoryLineResult[]> {
  const out: HistoryLineResult[] = [];
  const chunks = typeof text === "string" ? [text] : text;
  for await (const r of readHistoryLines(Readable.from(chunks.map((c) => Buffer.from(c))), maxLineBytes === undefined ? {} : { maxLineBytes })) out.push(r);
  return out;
}

describe("mapping one line", () => {
  test("the contract's first example: a profile-selected cocaine seizure with every field kept", () => {
    const mapped = mapHistoryLine(structuredClone(banana), 1);
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    const { row } = mapped;
    expect(row).toMatchObject({
      externalRef: "MAEU231004417/MSKU9070323",
      date: "2025-03-17",
      outcome: "seizure",
      commodity: "cocaine",
      quantity: { value: 212.4, unit: "kg" },
      selectedBy: "profile",
      inspectedAt: "2025-03-18",
      carrierName: "Maersk",
    });
    expect(row.shipment).toMatchObject({
      manifestRef: "MAEU-312W-COCTG-0007", carrierScac: "MAEU", vesselImo: "9619907", vesselName: "MAERSK ESSEN", voyage: "312W",
      portOfLoading: "COCTG", transshipmentPorts: ["PAMIT"], portOfDischarge: "BEANR", departureDate: "2025-03-02", arrivalDate: "2025-03-17",
      containerNumber: "MSKU9070323", containerType: "45R1", sealNumbers: ["ML-4471023"], packages: 1080, packageType: "CT",
      freightTerms: "collect", declaredValue: 18200, currency: "USD", forwarder: { name: "ANDES FREIGHT", country: "CO", id: "CO800765432" },
      attributes: { sealChangedAfterLoading: true },
    });
    // notifyParty: null is absent.
    expect(row.shipment.notify).toBeUndefined();
  });

  test("the second example: a random inspection that found nothing, no carrier or vessel, null commodity", () => {
    const mapped = mapHistoryLine(structuredClone(furniture), 2);
    expect(mapped).toMatchObject({ ok: true, row: { externalRef: "CMDUSHA1180022/CMAU4720195", date: "2025-03-19", outcome: "nothing_found", selectedBy: "random" } });
    expect(mapped.ok && mapped.row.commodity).toBeUndefined();
  });

  test("not inspected (or no outcome): stored as context, with no outcome", () => {
    for (const outcome of [{ inspected: false }, null, undefined]) {
      const mapped = mapHistoryLine(line({ outcome }), 3);
      expect(mapped.ok && mapped.row.outcome, JSON.stringify(outcome)).toBeNull();
    }
    expect(reasons(line({ outcome: { inspected: false, hit: true, commodity: "cocaine" } }))).toEqual([
      "outcome.hit: given for a container that was not inspected",
      "outcome.commodity: given for a container that was not inspected",
    ]);
  });

  test("hit without a commodity is an irregularity; result may replace hit but not contradict it", () => {
    expect(mapHistoryLine(line({ outcome: { inspected: true, hit: true, selectedBy: "officer" } }), 1)).toMatchObject({ ok: true, row: { outcome: "irregularity", selectedBy: "officer" } });
    expect(mapHistoryLine(line({ outcome: { inspected: true, result: "seizure", commodity: "heroin" } }), 1)).toMatchObject({ ok: true, row: { outcome: "seizure", commodity: "heroin" } });
    expect(reasons(line({ outcome: { inspected: true, hit: false, result: "seizure" } }))).toEqual(["outcome.result: seizure contradicts hit: false"]);
    expect(reasons(line({ outcome: { inspected: true } }))).toEqual(["outcome.hit: required when inspected is true (or outcome.result)"]);
    expect(reasons(line({ outcome: { inspected: true, hit: true, commodity: "gold" } }))[0]).toMatch(/^outcome\.commodity: one of cocaine, heroin/);
    expect(reasons(line({ outcome: { inspected: true, hit: true, selectedBy: "dog" } }))[0]).toMatch(/^outcome\.selectedBy: one of random, profile, officer, intelligence, unknown/);
  });

  test("the date: arrival, else departure, else the inspection; none is refused naming the fields", () => {
    expect(mapHistoryLine(line({ arrivalDate: undefined }), 1)).toMatchObject({ ok: true, row: { date: "2025-03-02" } });
    expect(mapHistoryLine(line({ arrivalDate: null, departureDate: null }), 1)).toMatchObject({ ok: true, row: { date: "2025-03-18" } });
    const none = line({ arrivalDate: undefined, departureDate: undefined, outcome: { inspected: false } });
    expect(reasons(none)).toEqual(["arrivalDate: required, or departureDate, or outcome.inspectedAt: the record needs a date"]);
    expect(reasons(line({ arrivalDate: "0000-01-01", departureDate: undefined }))).toEqual(["arrivalDate: must be between 1900 and 2100"]);
    expect(reasons(line({ departureDate: "2025-03-20" }))).toEqual(["arrivalDate: must not be before departureDate"]);
  });

  test("the natural id: bill/container, a house bill appended, manifest and line without a container", () => {
    expect(mapHistoryLine(line({ houseBillOfLading: "ANDES-HB-0042" }), 1)).toMatchObject({ ok: true, row: { externalRef: "MAEU231004417/MSKU9070323/ANDES-HB-0042" } });
    expect(mapHistoryLine(line({ containerNumber: undefined, isEmpty: true, transportMode: "road" }), 12)).toMatchObject({ ok: true, row: { externalRef: "MAEU231004417/MAEU-312W-COCTG-0007#12" } });
  });

  test("contract validators name the field: party country, container check digit, HS code, locode, unknown field", () => {
    const bad = line({
      consignee: { name: "VERSHANDEL NOORD BV", country: "XX" },
      containerNumber: "MSKU9070324",
      hsCodes: ["999999"],
      transshipmentPorts: ["PAMIT", "ZZZZZ"],
      colour: "red",
    });
    expect(reasons(bad).sort()).toEqual([
      "colour: unknown field (extra data belongs in attributes)",
      "consignee.country: not an ISO 3166 alpha-2 country code",
      "hsCodes[0]: HS chapter 99 does not exist (01-97)",
      "transshipmentPorts[1]: ZZ is not an ISO 3166 country code",
    ]);
    // The cross-field rules run once the fields themselves are valid.
    expect(reasons(line({ containerNumber: "MSKU9070324" }))).toEqual(["containerNumber: check digit should be 3"]);
    expect(reasons(line({ billOfLading: null }))).toEqual(["billOfLading: required"]);
  });

  test("hostile shapes: not an object, reserved keys, deep nesting, NUL characters", () => {
    expect(reasons([banana])).toEqual(["not a JSON object: one shipment per line"]);
    expect(reasons("MSKU9070323")).toEqual(["not a JSON object: one shipment per line"]);
    expect(reasons(JSON.parse('{"__proto__": {"isAdmin": true}, "billOfLading": "X"}'))).toEqual(["__proto__: reserved key name"]);
    expect(reasons(line({ consignee: JSON.parse('{"name": "A", "constructor": "x"}') }))).toEqual(["consignee.constructor: reserved key name"]);
    const deep = JSON.parse(`{"attributes": {"a": ${"[".repeat(10_000)}${"]".repeat(10_000)}}}`) as unknown;
    expect(reasons(deep)).toEqual(["attributes.a[0][0]: nested deeper than the manifest contract allows"]);
    expect(reasons(line({ goodsDescription: "FRESH\u0000BANANAS" }))).toEqual(["goodsDescription: contains a NUL character (\\u0000)"]);
    expect(reasons(line({ shipper: { name: "FRUTAS \ud800" } }))).toEqual(["shipper.name: contains a lone UTF-16 surrogate (not valid Unicode text)"]);
    // Inside attributes null is a value, not an absent field.
    expect(mapHistoryLine(line({ attributes: { reeferSetPoint: null } }), 1)).toMatchObject({ ok: true, row: { shipment: { attributes: { reeferSetPoint: null } } } });
  });
});

describe("reading a file", () => {
  test("good lines are kept beside bad ones, each with its line number; blank lines count as lines", async () => {
    const text = [JSON.stringify(banana), "", "{not json", "[1,2]", JSON.stringify(furniture)].join("\r\n") + "\r\n";
    const results = await readAll(text);
    expect(results.map((r) => [r.line, r.ok])).toEqual([[1, true], [3, false], [4, false], [5, true]]);
    expect(results[1]).toMatchObject({ ok: false, reasons: [expect.stringMatching(/^not valid JSON/)] });
  });

  test("a line split across chunks, a byte-order mark, and invalid UTF-8", async () => {
    const whole = "\uFEFF" + JSON.stringify(banana) + "\n";
    const results = await readAll([whole.slice(0, 37), whole.slice(37, 400), whole.slice(400)]);
    expect(results).toMatchObject([{ line: 1, ok: true }]);
    const out: HistoryLineResult[] = [];
    for await (const r of readHistoryLines(Readable.from([Buffer.from([0x7b, 0xff, 0x7d, 0x0a])]))) out.push(r);
    expect(out).toEqual([{ line: 1, ok: false, reasons: ["not valid UTF-8"] }]);
  });

  test("a line over the cap is refused without being held; the next line is read", async () => {
    const huge = JSON.stringify(line({ goodsDescription: "X".repeat(5_000) }));
    const results = await readAll([huge.slice(0, 3000), huge.slice(3000) + "\n" + JSON.stringify(furniture)], 4_096);
    expect(results[0]).toMatchObject({ line: 1, ok: false, reasons: [expect.stringMatching(/^line longer than 4096 bytes/)] });
    expect(results[1]).toMatchObject({ line: 2, ok: true });
  });

  test("an empty file is an error, not an empty import", async () => {
    await expect(readAll("\n\n")).rejects.toBeInstanceOf(EmptyFileError);
  });
});

describe("how the box was chosen, stored and read back", () => {
  test("every selectedBy survives storage; live officer picks ('self') and unknown values read as the history names them", () => {
    for (const by of SELECTED_BY) expect(selectedByOf(SELECTION_STORED[by])).toBe(by);
    expect(selectedByOf("self")).toBe("officer");
    expect(selectedByOf(null)).toBe("unknown");
    expect(selectedByOf("something-else")).toBe("unknown");
  });
});
