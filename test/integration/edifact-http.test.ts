// The EDIFACT side of POST /v1/units/{unitCode}/manifests, the stored reply
// by control reference, and the mapping settings API.
import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

const twoContainers = readFileSync(new URL("../../fixtures/edifact/two-containers.edi", import.meta.url), "latin1");

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;
let analyst: TestUser;
let admin: TestUser;

beforeAll(async () => {
  services = createTestServices({ MANIFEST_BODY_LIMIT: "64kb" });
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
  analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  admin = await createTestUser(services, [{ role: "admin" }]);
});
afterAll(async () => services.dispose());

const postEdi = (body: string | Buffer, user = officer) =>
  request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(user)).set("Content-Type", "application/EDIFACT").send(body);

describe("POST /v1/units/{unitCode}/manifests with Content-Type application/EDIFACT", () => {
  test("answers 202 with the CUSRES as application/EDIFACT, and the reply can be fetched later", async () => {
    const res = await postEdi(twoContainers);
    expect(res.status).toBe(202);
    expect(res.headers["content-type"]).toMatch(/^application\/edifact/);
    expect(res.headers["x-interchange-control-reference"]).toBe("CR000117");
    expect(res.headers.location).toBe(`/v1/units/${unit.code}/interchanges/CR000117`);
    expect(res.text).toContain("BGM+785+MAEU312W0007+9+AP'");

    const again = await postEdi(twoContainers);
    expect(again.status).toBe(200);
    expect(again.text).toBe(res.text);

    const fetched = await request(app).get(`/v1/units/${unit.code}/interchanges/CR000117`).set(bearer(analyst));
    expect(fetched.status).toBe(200);
    expect(fetched.text).toBe(res.text);
    const json = await request(app).get(`/v1/units/${unit.code}/interchanges/CR000117`).set(bearer(officer)).set("Accept", "application/json");
    expect(json.body).toMatchObject({ controlReference: "CR000117", replyKind: "CUSRES", accepted: true, sender: "MAEU", source: "http" });
    const missing = await request(app).get(`/v1/units/${unit.code}/interchanges/NOPE`).set(bearer(officer));
    expect(missing.status).toBe(404);
  });

  test("answers the JSON outcome when asked for JSON, and 400 with a CONTRL for a syntax error", async () => {
    const broken = twoContainers.replace(/CR000117/g, "CR900001").replace("UNT+49+1'", "UNT+48+1'");
    const res = await postEdi(broken).set("Accept", "application/json");
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ replyKind: "CONTRL", accepted: false, messages: [] });
    expect(res.body.reply).toContain("UCM+1+CUSCAR:D:95B:UN+4+29'");
    expect(res.body.reply).toContain("UCS+49'");
    expect(res.body.reply).toContain("UCD+29+1'");
  });

  test("refuses a body over MANIFEST_BODY_LIMIT with 413 and stores nothing", async () => {
    const res = await postEdi("UNB+UNOC:3+X+Y+1:1+BIG1'" + "FTX+AAA+++" + "A".repeat(70 * 1024) + "'");
    expect(res.status).toBe(413);
    const stored = await services.pool.query("SELECT 1 FROM edifact_interchange WHERE unit_id = $1 AND control_reference = 'BIG1'", [unit.id]);
    expect(stored.rowCount).toBe(0);
  });

  test("needs the officer role, like a JSON manifest; JSON manifests are unchanged", async () => {
    expect((await postEdi(twoContainers, analyst)).status).toBe(403);
    const json = await request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(officer)).send({ manifestRef: "X" });
    expect(json.status).toBe(400);
    expect(json.body.error).toBe("validation_failed");
  });
});

describe("EDIFACT mapping settings", () => {
  const path = () => `/v1/units/${unit.code}/edifact-mapping`;

  test("start from the standard's defaults; analysts set them, officers read them; bad values are named", async () => {
    const initial = await request(app).get(path()).set(bearer(officer));
    expect(initial.body).toEqual({ unitCode: unit.code, customised: false, updatedAt: null, settings: { transhipmentLocQualifiers: ["13"], forwarderNadQualifier: "FW", imoNumber: { segment: "TDT", element: 8, component: 1 } } });

    const settings = { transhipmentLocQualifiers: ["13", "ZZ1"], forwarderNadQualifier: "FR", imoNumber: { segment: "RFF", qualifier: "VM" } };
    expect((await request(app).put(path()).set(bearer(officer)).send(settings)).status).toBe(403);
    const set = await request(app).put(path()).set(bearer(analyst)).send(settings);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ customised: true, settings });
    expect((await request(app).get(path()).set(bearer(officer))).body.settings).toEqual(settings);

    const bad = await request(app).put(path()).set(bearer(analyst)).send({ transhipmentLocQualifiers: ["13", "TOOLONG"], imoNumber: { segment: "TDT", element: 0, component: 1 } });
    expect(bad.status).toBe(400);
    const paths = (bad.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["transhipmentLocQualifiers[1]", "imoNumber.element"]));
  });

  test("admins read and set any unit's settings through the admin API", async () => {
    const res = await request(app).put(`/v1/admin/units/${unit.code}/edifact-mapping`).set(bearer(admin)).send({ forwarderNadQualifier: "FW" });
    expect(res.status).toBe(200);
    const read = await request(app).get(`/v1/admin/units/${unit.code}/edifact-mapping`).set(bearer(admin));
    expect(read.body.settings.forwarderNadQualifier).toBe("FW");
    expect((await request(app).get(path()).set(bearer(admin))).status).toBe(404);
  });
});
