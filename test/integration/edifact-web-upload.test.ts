// The manifests screen's upload against the real API: the request exactly as
// web/src/edifact-post.ts sends it (the file as it is, Content-Type
// application/EDIFACT, Accept application/json) is answered with the JSON
// the screen reads, for an accepted, a partly rejected and an unreadable
// interchange; and only officers of the unit may send one.
import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let unit: TestUnit;
let officer: TestUser;

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  unit = await createTestUnit(services);
  officer = await createTestUser(services, [{ role: "officer", unitCode: unit.code }]);
});
afterAll(async () => services.dispose());

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/edifact/${name}`, import.meta.url));

function send(body: Buffer, who: TestUser = officer) {
  return request(app).post(`/v1/units/${unit.code}/manifests`).set(bearer(who)).set("Accept", "application/json").set("Content-Type", "application/EDIFACT").send(body);
}

/** What web/src/edifact-post.ts accepts as an answer (isAnswer). */
function expectAnswerShape(body: Record<string, unknown>) {
  expect(typeof body.replyKind).toBe("string");
  expect(typeof body.reply).toBe("string");
  expect(Array.isArray(body.messages)).toBe(true);
}

test("an accepted interchange: 202 with each message's answer", async () => {
  const res = await send(fixture("two-containers.edi"));
  expect(res.status).toBe(202);
  expectAnswerShape(res.body);
  expect(res.body).toMatchObject({ controlReference: "CR000117", replyKind: "CUSRES", accepted: true, duplicate: false });
  expect(res.body.messages).toMatchObject([{ status: "accepted", function: "original", shipmentCount: 2, errors: [] }]);

  const again = await send(fixture("two-containers.edi"));
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ duplicate: true, controlReference: "CR000117" });
});

test("one bad message of two: the answer names its errors by segment, the other message is stored", async () => {
  const res = await send(fixture("two-messages-one-bad.edi"));
  expect([202, 422]).toContain(res.status);
  expectAnswerShape(res.body);
  expect(res.body.accepted).toBe(false);
  const statuses = (res.body.messages as { status: string }[]).map((m) => m.status).sort();
  expect(statuses).toEqual(["accepted", "rejected"]);
  const rejected = (res.body.messages as { status: string; errors: { segmentPosition: number; segment: string; message: string }[] }[]).find((m) => m.status === "rejected")!;
  expect(rejected.errors.length).toBeGreaterThan(0);
  expect(rejected.errors[0]).toMatchObject({ segmentPosition: expect.any(Number), segment: expect.stringMatching(/^[A-Z]{3}$/), message: expect.any(String) });
});

test("binary junk: 400 with a CONTRL answer, nothing stored", async () => {
  const res = await send(Buffer.from([0x00, 0xff, 0x13, 0x37]));
  expect(res.status).toBe(400);
  expectAnswerShape(res.body);
  expect(res.body).toMatchObject({ replyKind: "CONTRL", accepted: false });
});

test("an analyst of the unit may not send one (the screen shows the API's error)", async () => {
  const analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
  const res = await send(fixture("two-containers.edi"), analyst);
  expect(res.status).toBe(403);
  expect(typeof res.body.message).toBe("string");
});

test("a message for another port: 202, stored, and the answer the screen reads carries its warning at the LOC (a re-send too)", async () => {
  const rotterdam = await createTestUnit(services, "NLRTM");
  const rotterdamOfficer = await createTestUser(services, [{ role: "officer", unitCode: rotterdam.code }]);
  const sendToRotterdam = () =>
    request(app).post(`/v1/units/${rotterdam.code}/manifests`).set(bearer(rotterdamOfficer)).set("Accept", "application/json").set("Content-Type", "application/EDIFACT").send(fixture("two-containers.edi"));
  const res = await sendToRotterdam();
  expect(res.status).toBe(202);
  expect(res.body.messages).toMatchObject([{ status: "accepted", errors: [], warnings: [{ segment: "LOC", segmentPosition: 9, element: 2, code: "W01", message: expect.stringContaining("BEANR is not this unit's port (NLRTM)") }] }]);
  const again = await sendToRotterdam();
  expect(again.body).toMatchObject({ duplicate: true });
  expect(again.body.messages[0].warnings).toEqual(res.body.messages[0].warnings);
});
