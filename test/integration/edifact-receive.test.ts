// receiveInterchange end to end against the run's database: CUSCAR stored and
// scored like JSON, replies message by message, replacements and
// cancellations, idempotent re-sends.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { getInterchangeReply } from "../../core/edifact/stored-interchanges.js";
import { cuscarInterchange, cuscarMessage } from "../../fixtures/edifact/manifest-to-cuscar.js";
import type { ManifestDocument } from "../../fixtures/fixture-types.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/edifact/${name}`, import.meta.url), "latin1");

let services: TestServices;
let unit: TestUnit;
const actor = { name: "test:edifact" };

beforeAll(async () => {
  services = createTestServices();
  unit = await createTestUnit(services);
});
afterAll(async () => services.dispose());

const receive = (text: string, unitCode = unit.code) => receiveInterchange(services, { unitCode, text, actor, source: "cli" });

async function manifestRows(ref: string) {
  const rows = await services.pool.query<{ id: string; version: number; superseded: boolean; cancelled: boolean; shipments: number; pending: number }>(
    `SELECT m.id, m.version, m.superseded_at IS NOT NULL AS superseded, m.cancelled_at IS NOT NULL AS cancelled,
            (SELECT count(*)::int FROM shipment s WHERE s.manifest_id = m.id) AS shipments,
            (SELECT count(*)::int FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id WHERE s.manifest_id = m.id AND st.status = 'pending') AS pending
       FROM manifest m WHERE m.unit_id = $1 AND m.manifest_ref = $2 ORDER BY m.version`,
    [unit.id, ref],
  );
  return rows.rows;
}

describe("receiveInterchange", () => {
  test("stores the two-container fixture like a JSON manifest and answers with an accepting CUSRES", async () => {
    const result = await receive(fixture("two-containers.edi"));
    expect(result).toMatchObject({ controlReference: "CR000117", replyKind: "CUSRES", accepted: true, duplicate: false, errors: [] });
    expect(result.messages).toEqual([
      expect.objectContaining({ messageReference: "1", documentNumber: "MAEU312W0007", function: "original", status: "accepted", shipmentCount: 2, errors: [] }),
    ]);
    expect(await manifestRows("MAEU312W0007")).toEqual([expect.objectContaining({ version: 1, superseded: false, cancelled: false, shipments: 2, pending: 2 })]);
    const reply = result.reply.split("\n");
    expect(reply[1]).toMatch(/^UNB\+UNOC:3\+BEANRPCU:ZZZ\+MAEU:ZZZ\+\d{6}:\d{4}\+PC[0-9A-F]{12}'$/);
    expect(reply).toContain("UNH+1+CUSRES:D:96B:UN'");
    expect(reply).toContain("BGM+785+MAEU312W0007+9+AP'");
    expect(reply).toContain("RFF+ACW:1'");
    expect(reply).toContain(`RFF+ABO:${result.messages[0]!.manifestId}'`);

    const again = await receive(fixture("two-containers.edi"));
    expect(again).toMatchObject({ duplicate: true, reply: result.reply, accepted: true });
    expect(await manifestRows("MAEU312W0007")).toHaveLength(1);
    const fetched = await getInterchangeReply(services, unit, "CR000117");
    expect(fetched).toMatchObject({ reply: result.reply, sender: "MAEU", source: "cli", replyKind: "CUSRES" });
  });

  test("a message re-sent in a new interchange is a duplicate of the stored manifest, not a second one", async () => {
    const text = fixture("two-containers.edi").replace(/CR000117/g, "CR000118");
    const result = await receive(text);
    expect(result.messages[0]).toMatchObject({ status: "duplicate", shipmentCount: 2 });
    expect(result.reply).toContain("BGM+785+MAEU312W0007+9+AP'");
    expect(await manifestRows("MAEU312W0007")).toHaveLength(1);
  });

  test("the same control reference with other content is refused with a CONTRL and stores nothing", async () => {
    const text = fixture("two-containers.edi").replace("MAEU312W0007", "MAEU312W0099");
    const result = await receive(text);
    expect(result).toMatchObject({ replyKind: "CONTRL", accepted: false, messages: [] });
    expect(result.reply).toContain("UCI+CR000117+MAEU:ZZZ+BEANRPCU:ZZZ+4+26+UNB+5'");
    expect(await manifestRows("MAEU312W0099")).toEqual([]);
  });

  test("answers an unknown unit with not found", async () => {
    await expect(receive(fixture("two-containers.edi"), "NOPE-UNIT")).rejects.toMatchObject({ code: "not_found" });
  });
});

function smallManifest(ref: string): ManifestDocument {
  return JSON.parse(JSON.stringify({ ...baseManifest, manifestRef: ref })) as ManifestDocument;
}

const baseManifest: ManifestDocument = {
  manifestRef: "X",
  carrier: { scac: "MAEU", name: "MAERSK A/S" },
  vessel: { imo: "9619907", name: "MAERSK ESSEN", voyage: "312W" },
  portOfLoading: "COCTG",
  transshipmentPorts: [],
  portOfDischarge: "BEANR",
  departureDate: "2025-12-28",
  arrivalDate: "2026-01-12",
  manifestFiledAt: "2025-12-28T09:30:00Z",
  shipments: [
    { billOfLading: "MAEU231004417", containerNumber: "MSKU9070323", containerType: "45R1", sealNumbers: ["ML-4471023"], hsCodes: ["080390"], goodsDescription: "FRESH BANANAS", packages: 1080, packageType: "CT", grossWeightKg: 21450, shipper: { name: "FRUTAS DEL CARIBE S.A.S.", country: "CO" }, consignee: { name: "VERSHANDEL NOORD BV", country: "BE" } },
  ],
};

describe("replacements and cancellations", () => {
  test("a replacement stores version 2 beside version 1, scores it, and flags an amendment after departure", async () => {
    const ref = `MAEU-R-${Date.now()}`;
    const original = smallManifest(ref);
    await receive(cuscarInterchange([cuscarMessage(original, { reference: "1" })], { controlReference: "R1", sender: "MAEU" }));
    const changed = { ...original, shipments: [{ ...original.shipments[0]!, grossWeightKg: 22000 }] };
    const result = await receive(cuscarInterchange([cuscarMessage(changed, { reference: "1", functionCode: "5", documentDateTime: "202512300800" })], { controlReference: "R2", sender: "MAEU" }));
    expect(result.messages[0]).toMatchObject({ function: "replacement", status: "replaced", shipmentCount: 1 });
    const rows = await manifestRows(ref);
    expect(rows).toEqual([
      expect.objectContaining({ version: 1, superseded: true, cancelled: false, shipments: 1 }),
      expect.objectContaining({ version: 2, superseded: false, cancelled: false, shipments: 1, pending: 1 }),
    ]);
    const stored = await services.pool.query<{ manifest_amended_at: Date; attributes: unknown; gross_weight_kg: string }>(
      "SELECT m.manifest_amended_at, s.attributes, s.gross_weight_kg FROM manifest m JOIN shipment s ON s.manifest_id = m.id WHERE m.id = $1",
      [rows[1]!.id],
    );
    expect(stored.rows[0]).toMatchObject({ attributes: { amendedAfterDeparture: true } });
    expect(Number(stored.rows[0]!.gross_weight_kg)).toBe(22000);
    expect(stored.rows[0]!.manifest_amended_at.toISOString()).toBe("2025-12-30T08:00:00.000Z");
  });

  test("a replacement dated before departure is not flagged; one for an unknown manifest is rejected at BGM", async () => {
    const ref = `MAEU-P-${Date.now()}`;
    const original = smallManifest(ref);
    await receive(cuscarInterchange([cuscarMessage(original, { reference: "1" })], { controlReference: "P1", sender: "MAEU" }));
    const changed = { ...original, shipments: [{ ...original.shipments[0]!, packages: 1000 }] };
    const early = await receive(cuscarInterchange([cuscarMessage(changed, { reference: "1", functionCode: "5", documentDateTime: "202512270800" })], { controlReference: "P2", sender: "MAEU" }));
    expect(early.messages[0]!.status).toBe("replaced");
    const attributes = await services.pool.query("SELECT s.attributes FROM shipment s WHERE s.manifest_id = $1", [early.messages[0]!.manifestId]);
    expect(attributes.rows[0].attributes).toEqual({});

    const orphan = await receive(cuscarInterchange([cuscarMessage(smallManifest(`${ref}-NONE`), { reference: "1", functionCode: "5" })], { controlReference: "P3", sender: "MAEU" }));
    expect(orphan.messages[0]).toMatchObject({ status: "rejected", errors: [expect.objectContaining({ segment: "BGM", segmentPosition: 2, code: "13" })] });
    expect(orphan.reply).toContain(`BGM+785+${ref}-NONE+9+RE'`);
    expect(orphan.reply).toContain("ERP++BGM:2'");
  });

  test("a cancellation marks the current version cancelled and deletes nothing; repeating it answers the same", async () => {
    const ref = `MAEU-C-${Date.now()}`;
    await receive(cuscarInterchange([cuscarMessage(smallManifest(ref), { reference: "1" })], { controlReference: "C1", sender: "MAEU" }));
    const cancel = cuscarInterchange([cuscarMessage(smallManifest(ref), { reference: "1", functionCode: "1" })], { controlReference: "C2", sender: "MAEU" });
    const result = await receive(cancel);
    expect(result.messages[0]).toMatchObject({ function: "cancellation", status: "cancelled", shipmentCount: 1 });
    expect(await manifestRows(ref)).toEqual([expect.objectContaining({ version: 1, cancelled: true, shipments: 1 })]);
    const again = await receive(cancel.replace(/C2/g, "C3"));
    expect(again.messages[0]).toMatchObject({ status: "cancelled" });
    const replaced = await receive(cuscarInterchange([cuscarMessage(smallManifest(ref), { reference: "1", functionCode: "5" })], { controlReference: "C4", sender: "MAEU" }));
    expect(replaced.messages[0]).toMatchObject({ status: "rejected", errors: [expect.objectContaining({ code: "26", message: expect.stringContaining("cancelled") })] });
  });
});
