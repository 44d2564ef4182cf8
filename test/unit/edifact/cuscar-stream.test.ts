// The fast path (cuscar-stream.ts: each message mapped while the library reads
// it, no list of segments) against the listed path (tokenize, readEnvelope,
// prepareMessage), whose results and CONTRL/CUSRES pointers are the
// reference: where the fast path answers, it answers exactly the same; where
// anything needs pointers it cannot give, it declines and the listed path runs.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { streamInterchange } from "../../../core/edifact/cuscar-stream.js";
import { tokenize } from "../../../core/edifact/edifact-syntax.js";
import { readEnvelope } from "../../../core/edifact/interchange-envelope.js";
import { DEFAULT_MAPPING_SETTINGS, edifactMappingSettingsSchema, type EdifactMappingSettings } from "../../../core/edifact/mapping-settings.js";
import { prepareMessage, type PreparedMessage } from "../../../core/edifact/receive-message.js";
import { parsedManifestHash } from "../../../core/manifests/content-hash.js";
import { generateMegaCuscar } from "../../../fixtures/edifact/generate-mega-cuscar.js";

const fixtures = new URL("../../../fixtures/edifact/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures), "latin1");

/** The listed path's messages, or null when the interchange has a syntax or envelope fault (a CONTRL). */
function listed(text: string, settings: EdifactMappingSettings = DEFAULT_MAPPING_SETTINGS, maxShipments = 20_000): PreparedMessage[] | null {
  const tokens = tokenize(text);
  if (!tokens.ok) return null;
  const envelope = readEnvelope(tokens.segments);
  if (!envelope.header || envelope.faults.length > 0) return null;
  return envelope.messages.map((message) => prepareMessage(message, settings, tokens.decimalMark, maxShipments));
}

/** A one-message interchange around the given body segments (UNT and UNZ counted). */
function interchange(body: string[]): string {
  const message = ["UNH+1+CUSCAR:D:97B:UN'", ...body];
  return ["UNA:+.? '", "UNB+UNOC:3+SND+RCV+260101:0000+T1'", ...message, `UNT+${message.length + 1}+1'`, "UNZ+1+T1'"].join("\n");
}

const VOYAGE = ["BGM+85+DOC1+9'", "DTM+137:202601010000:203'", "TDT+20+V1+1++ABCD:172:20:ABC LINES+++9074729:146:11:MSC AURORA'", "LOC+9+ECGYE'", "LOC+11+BEANR'", "DTM+132:20260120:102'"];
const goods = (container: string) => ["GID+1+10:CT'", "FTX+AAA+++SHOES'", "MEA+AAE+G+KGM:1000'", `SGP+${container}+10'`, "CST++640399'"];

describe("the streamed fast path answers exactly as the listed path, or declines", () => {
  test("the 15,000-container mega-vessel: taken, and every message outcome and the whole manifest equal the listed path's", () => {
    const mega = generateMegaCuscar(42, 15_000);
    const streamed = streamInterchange(mega.text, DEFAULT_MAPPING_SETTINGS, 20_000);
    const reference = listed(mega.text)!;
    expect(streamed).not.toBeNull();
    expect(reference[0]!.outcome.errors).toEqual([]);
    expect(streamed!.header).toEqual(readEnvelope(tokenize(mega.text).segments).header);
    expect(streamed!.messages).toHaveLength(1);
    expect(streamed!.messages[0]!.manifest!.shipments).toHaveLength(15_000);
    expect(streamed!.messages).toEqual(reference);
    expect(parsedManifestHash(streamed!.messages[0]!.manifest!)).toBe(parsedManifestHash(reference[0]!.manifest!));
  }, 120_000);

  test("every fixture: the clean ones are taken with the listed path's result; the one with a rejected message is declined", () => {
    const names = readdirSync(fixtures).filter((name) => name.endsWith(".edi"));
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      const text = fixture(name);
      const streamed = streamInterchange(text, DEFAULT_MAPPING_SETTINGS, 20_000);
      const reference = listed(text);
      const clean = reference !== null && reference.every((message) => message.outcome.errors.length === 0);
      expect({ name, taken: streamed !== null }).toEqual({ name, taken: clean });
      if (streamed) expect({ name, messages: streamed.messages }).toEqual({ name, messages: reference });
    }
  });

  test("national settings (forwarder, IMO in RFF, stuffing place) are applied the same way", () => {
    const settings = edifactMappingSettingsSchema.parse({ forwarderNadQualifier: "FWD", imoNumber: { segment: "RFF", qualifier: "VM" }, stuffingLocQualifiers: ["ZZ1"] });
    const text = interchange([...VOYAGE, "RFF+VM:9074729'", "EQD+CN+MSKU9070323+45G1'", "CNI+1+BL1'", "LOC+ZZ1+:::WAREHOUSE 4'", "NAD+CZ+++SHIPPER LTD'", "NAD+FWD+++FORWARDER SA'", ...goods("MSKU9070323")]);
    const streamed = streamInterchange(text, settings, 100);
    expect(streamed).not.toBeNull();
    expect(streamed!.messages).toEqual(listed(text, settings, 100));
    expect(streamed!.messages[0]!.manifest!.shipments[0]).toMatchObject({ forwarder: { name: "FORWARDER SA" }, stuffingLocation: "WAREHOUSE 4" });
  });

  test("declined: syntax faults, envelope faults, mapping problems, schema errors, an EQD after a mapped consignment, too many shipments", () => {
    const clean = [...VOYAGE, "EQD+CN+MSKU9070323+45G1'", "CNI+1+BL1'", "NAD+CZ+++SHIPPER LTD'", ...goods("MSKU9070323")];
    expect(streamInterchange(interchange(clean), DEFAULT_MAPPING_SETTINGS, 100)).not.toBeNull();
    const declined = {
      unterminated: interchange(clean).slice(0, -1),
      control: interchange(clean).replace("SHOES", "SHO\u0001ES"),
      untCount: interchange(clean).replace(/UNT\+\d+/, "UNT+3"),
      missingBillOfLading: interchange(clean.map((s) => (s === "CNI+1+BL1'" ? "CNI+1'" : s))),
      badCheckDigit: interchange(clean.map((s) => s.replaceAll("MSKU9070323", "MSKU9070324"))),
      // Its container declared after it: the listed path indexes every EQD before mapping a consignment.
      eqdAfterConsignment: interchange([...clean, "CNI+2+BL2'", "NAD+CZ+++SHIPPER LTD'", ...goods("MOLU8704830"), "EQD+CN+MOLU8704830+45G1'"]),
    };
    for (const [name, text] of Object.entries(declined)) expect({ name, streamed: streamInterchange(text, DEFAULT_MAPPING_SETTINGS, 100) }).toEqual({ name, streamed: null });
    // Two containers for a limit of one: the schema names that, with its pointer.
    const two = [...VOYAGE, "EQD+CN+MSKU9070323+45G1'", "EQD+CN+MOLU8704830+45G1'", "CNI+1+BL1'", "NAD+CZ+++SHIPPER LTD'", ...goods("MSKU9070323"), "CNI+2+BL2'", "NAD+CZ+++SHIPPER LTD'", ...goods("MOLU8704830")];
    expect(streamInterchange(interchange(two), DEFAULT_MAPPING_SETTINGS, 100)).not.toBeNull();
    expect(streamInterchange(interchange(two), DEFAULT_MAPPING_SETTINGS, 1)).toBeNull();
    // The listed path still answers each, with its pointers.
    expect(listed(declined.badCheckDigit, DEFAULT_MAPPING_SETTINGS, 100)![0]!.outcome.errors[0]).toMatchObject({ segment: "EQD", element: 2 });
    expect(listed(declined.eqdAfterConsignment, DEFAULT_MAPPING_SETTINGS, 100)![0]!.outcome.errors).toEqual([]);
    // An EQD closing the last consignment is indexed before that consignment is mapped, as the listed path does.
    const trailing = interchange([...clean, "EQD+CN+MOLU8704830+45G1'"]);
    expect(streamInterchange(trailing, DEFAULT_MAPPING_SETTINGS, 100)!.messages).toEqual(listed(trailing, DEFAULT_MAPPING_SETTINGS, 100));
  });
});
