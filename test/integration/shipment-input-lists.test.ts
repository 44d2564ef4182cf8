// The scoring read (core/scoring/shipment-input.ts) takes a shipment's list
// columns as JSON (to_json) instead of PostgreSQL's array text: the lists
// must come back exactly as stored, characters the array syntax quotes
// included, and a NULL list (never reported) must stay apart from an empty
// one (reported as none), which the seal rule tells apart.
import { afterAll, beforeAll, expect, test } from "vitest";
import { withTransaction } from "../../core/db/pool.js";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { loadShipmentInputs, toShipmentInput } from "../../core/scoring/shipment-input.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";

let services: TestServices;
let unit: TestUnit;
beforeAll(async () => {
  services = createTestServices();
  unit = await createTestUnit(services);
});
afterAll(async () => services.dispose());

test("lists come back as stored, quotes, commas, braces and backslashes included; NULL and empty stay apart", async () => {
  const awkward = ['S1,"2"', "{S3}", "S\\4", "NULL", "  "].map((s) => s.trim() || "S5");
  const body = buildManifest(3, {
    transshipmentPorts: ["PAMIT", "ESALG"],
    shipments: [buildShipment(0, { sealNumbers: awkward, hsCodes: ["080390", "090111"] }), buildShipment(1), buildShipment(2)],
  });
  const manifest = manifestSchema(100).parse(body);
  const answer = await ingestManifest(services, { unit: { id: unit.id, code: unit.code, country: "BE", programme: "CCP" }, manifest, actor: { name: "test:shipment-input-lists" } });
  const ids = (await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE manifest_id = $1 ORDER BY line_no", [answer.body.manifestId])).rows.map((r) => r.id);
  await services.pool.query("UPDATE shipment SET seal_numbers = NULL, hs_codes = NULL, transshipment_ports = NULL WHERE id = $1", [ids[1]]);
  await services.pool.query("UPDATE shipment SET seal_numbers = '{}', hs_codes = '{}' WHERE id = $1", [ids[2]]);
  const loaded = await withTransaction(services.pool, (client) => loadShipmentInputs(client, ids));
  const byId = new Map(loaded.map((l) => [l.id, l]));
  const first = byId.get(ids[0]!)!;
  expect(first.row.seal_numbers).toEqual(awkward);
  expect(first.row.hs_codes).toEqual(["080390", "090111"]);
  expect(first.row.transshipment_ports).toEqual(["PAMIT", "ESALG"]);
  expect(first.partyIds).toHaveLength(2);
  const parties = await services.pool.query<{ shipper_id: string; consignee_id: string }>("SELECT shipper_id, consignee_id FROM shipment WHERE id = $1", [ids[0]]);
  expect(first.partyIds).toEqual([parties.rows[0]!.shipper_id, parties.rows[0]!.consignee_id]);
  const none = toShipmentInput(byId.get(ids[1]!)!.row);
  expect([none.sealNumbers, none.hsCodes, none.transshipmentPorts, none.sealsReported]).toEqual([[], [], [], false]);
  const empty = toShipmentInput(byId.get(ids[2]!)!.row);
  expect([empty.sealNumbers, empty.hsCodes, empty.sealsReported]).toEqual([[], [], undefined]);
});
