// A manifest whose route does not touch the unit's port is stored and scored,
// but never silently: the JSON answer and the CUSRES carry a warning (the
// CUSRES's pointed at the LOC of the port of discharge).
import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { receiveInterchange } from "../../core/edifact/receive-interchange.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/edifact/${name}`, import.meta.url), "latin1");
const ROTTERDAM_TO_ANTWERP =
  "NLRTM is not this unit's port (BEANR): neither discharge, loading nor a transhipment port; check the manifest was sent to the right unit";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let antwerp: TestUnit;
let rotterdam: TestUnit;
let officer: TestUser;

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  antwerp = await createTestUnit(services, "BEANR");
  rotterdam = await createTestUnit(services, "NLRTM");
  officer = await createTestUser(services, [{ role: "officer", unitCode: antwerp.code }]);
});
afterAll(async () => services.dispose());

const post = (body: unknown, key?: string) => {
  const req = request(app).post(`/v1/units/${antwerp.code}/manifests`).set(bearer(officer));
  return (key ? req.set("Idempotency-Key", key) : req).send(body as object);
};

describe("JSON ingest: the unit's port off the route", () => {
  test("a Rotterdam manifest sent to Antwerp is stored (202) with a warning on portOfDischarge", async () => {
    const manifest = { ...buildManifest(2), portOfLoading: "ECGYE", transshipmentPorts: ["PAMIT"], portOfDischarge: "NLRTM" };
    const res = await post(manifest);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: "accepted", shipmentCount: 2, unitCode: antwerp.code });
    expect(res.body.warnings).toEqual([{ path: "portOfDischarge", message: ROTTERDAM_TO_ANTWERP }]);
    const stored = await services.pool.query("SELECT count(*)::int AS n FROM shipment WHERE manifest_id = $1", [res.body.manifestId]);
    expect(stored.rows[0].n).toBe(2);

    // The same manifest again: the duplicate answer says it too.
    const again = await post(manifest);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: "duplicate", warnings: [{ path: "portOfDischarge", message: ROTTERDAM_TO_ANTWERP }] });
  });

  test("an idempotent repeat returns the first answer, warning included", async () => {
    const manifest = { ...buildManifest(1), portOfDischarge: "NLRTM" };
    const key = `port-check-${Date.now()}`;
    const first = await post(manifest, key);
    const repeat = await post(manifest, key);
    expect(first.body.warnings).toHaveLength(1);
    expect(repeat.body).toEqual(first.body);
  });

  test("no warnings key when the unit's port is the discharge, the loading or a transhipment port", async () => {
    for (const route of [
      { portOfLoading: "ECGYE", transshipmentPorts: [], portOfDischarge: "BEANR" },
      { portOfLoading: "BEANR", transshipmentPorts: [], portOfDischarge: "ECGYE" },
      { portOfLoading: "ECGYE", transshipmentPorts: ["BEANR"], portOfDischarge: "NLRTM" },
    ]) {
      const res = await post({ ...buildManifest(1), ...route });
      expect(res.status).toBe(202);
      expect(res.body).not.toHaveProperty("warnings");
    }
  });
});

describe("CUSCAR: the CUSRES carries the warning at the LOC", () => {
  const receive = (unit: TestUnit) =>
    receiveInterchange(services, { unitCode: unit.code, text: fixture("two-containers.edi"), actor: { name: "test" }, source: "http" });

  test("a message discharging at Antwerp sent to Rotterdam is accepted (AP) with a warning pointed at LOC+11", async () => {
    const result = await receive(rotterdam);
    expect(result).toMatchObject({ replyKind: "CUSRES", accepted: true });
    const [message] = result.messages;
    expect(message).toMatchObject({ status: "accepted", shipmentCount: 2, errors: [] });
    expect(message!.warnings).toEqual([
      {
        segment: "LOC",
        segmentPosition: 9,
        element: 2,
        code: "W01",
        message: "portOfDischarge: BEANR is not this unit's port (NLRTM): neither discharge, loading nor a transhipment port; check the manifest was sent to the right unit",
      },
    ]);
    const reply = result.reply.split("\n");
    expect(reply).toContain("BGM+785+MAEU312W0007+9+AP'");
    expect(reply).toContain("ERP++LOC:9'");
    expect(reply).toContain("ERC+W01::ZZZ'");
    expect(reply.find((line) => line.startsWith("FTX+AAO+++warning?: portOfDischarge?: BEANR is not this unit"))).toBeDefined();
    expect(reply.find((line) => line.startsWith("FTX+AAO+++accepted"))).toMatch(/with 1 warning\(s\)/);
  });

  test("the same message sent to Antwerp has no warning and no ERP", async () => {
    const result = await receive(antwerp);
    expect(result.messages[0]).toMatchObject({ status: "accepted", errors: [] });
    expect(result.messages[0]).not.toHaveProperty("warnings");
    expect(result.reply).not.toContain("ERP+");
  });
});
