// Inter-unit alerts: bad inputs name their field, an alert exists only for its
// sender and recipients, and party and route alerts flag matching shipments.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest, containerNumber } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let sender: TestUnit;
let receiver: TestUnit;
let bystander: TestUnit;
let senderOfficer: TestUser;
let receiverOfficer: TestUser;
let bystanderOfficer: TestUser;

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  sender = await createTestUnit(services, "ECGYE");
  receiver = await createTestUnit(services, "BEANR");
  bystander = await createTestUnit(services, "NLRTM");
  senderOfficer = await createTestUser(services, [{ role: "officer", unitCode: sender.code }]);
  receiverOfficer = await createTestUser(services, [{ role: "officer", unitCode: receiver.code }]);
  bystanderOfficer = await createTestUser(services, [{ role: "officer", unitCode: bystander.code }]);
  // The receiver already has shipments from Guayaquil; one consignee is "TRADE IMPORT 3 BV".
  await request(app).post(`/v1/units/${receiver.code}/manifests`).set(bearer(receiverOfficer)).send(buildManifest(4));
});
afterAll(async () => services.dispose());

const send = (body: unknown) => request(app).post(`/v1/units/${sender.code}/alerts`).set(bearer(senderOfficer)).send(body as object);

describe("alerts", () => {
  test("each bad input is named", async () => {
    const paths = async (body: unknown) => ((await send(body)).body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(await paths({})).toEqual(["message", "recipients", "subject"]);
    const badDigit = await send({ subject: { kind: "container", containerNumber: "MSCU1234560" }, message: "x", recipients: [receiver.code] });
    expect(badDigit.body.errors).toEqual([{ path: "subject.containerNumber", message: expect.stringMatching(/check digit should be/) }]);
    expect(await paths({ subject: { kind: "route", portOfLoading: "XXXXX", portOfDischarge: "BEANR" }, message: "x", recipients: [receiver.code] })).toEqual(["subject.portOfLoading"]);
    expect(await paths({ subject: { kind: "seizure_report" }, message: "x", recipients: [receiver.code] })).toEqual(["seizureId"]);
    expect(await paths({ subject: { kind: "party", name: "ACME" }, message: "x", recipients: [sender.code, "BEANR-ZZZZZZ"] })).toEqual(["recipients[0]", "recipients[1]"]);
    expect(await paths({ subject: { kind: "party", name: "ACME" }, message: "x", recipients: [receiver.code], expiresAt: "2000-01-01T00:00:00Z" })).toEqual(["expiresAt"]);
  });

  test("party and route alerts flag the receiver's matching shipments, and nobody else sees them", async () => {
    const party = await send({ subject: { kind: "party", name: "Trade Import 3 B.V.", country: "BE" }, message: "front company", recipients: [receiver.code] });
    expect(party.status, JSON.stringify(party.body)).toBe(201);
    const route = await send({ subject: { kind: "route", portOfLoading: "ECGYE", portOfDischarge: "BEANR" }, message: "route under watch", recipients: [receiver.code] });
    const container = await send({ subject: { kind: "container", containerNumber: containerNumber("ZZZ", 999999) }, message: "no match", recipients: [receiver.code] });
    const inbox = await request(app).get(`/v1/units/${receiver.code}/alerts`).set(bearer(receiverOfficer));
    const counts = Object.fromEntries((inbox.body.items as { id: string; matchedShipments: number }[]).map((a) => [a.id, a.matchedShipments]));
    expect(counts).toEqual({ [party.body.id as string]: 1, [route.body.id as string]: 4, [container.body.id as string]: 0 });
    const sent = await request(app).get(`/v1/units/${sender.code}/alerts`).set(bearer(senderOfficer)).query({ box: "sent" });
    expect(sent.body.items).toHaveLength(3);
    expect(sent.body.items[0]).not.toHaveProperty("matchedShipments");
    const id = party.body.id as string;
    expect((await request(app).get(`/v1/units/${bystander.code}/alerts/${id}`).set(bearer(bystanderOfficer))).status).toBe(404);
    expect((await request(app).get(`/v1/units/${bystander.code}/alerts`).set(bearer(bystanderOfficer))).body.items).toEqual([]);
    expect((await request(app).post(`/v1/units/${sender.code}/alerts/${id}/acknowledge`).set(bearer(senderOfficer)).send({})).status).toBe(409);
    const ack = await request(app).post(`/v1/units/${receiver.code}/alerts/${id}/acknowledge`).set(bearer(receiverOfficer)).send({});
    expect(ack.body.recipients).toEqual([{ unitCode: receiver.code, acknowledgedAt: expect.any(String) }]);
    const unacknowledged = await request(app).get(`/v1/units/${receiver.code}/alerts`).set(bearer(receiverOfficer)).query({ unacknowledged: "true" });
    expect(unacknowledged.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    const reply = await request(app).post(`/v1/units/${sender.code}/alerts/${id}/replies`).set(bearer(senderOfficer)).send({ message: "" });
    expect(reply.body.errors).toEqual([{ path: "message", message: "write a reply" }]);
  });
});
