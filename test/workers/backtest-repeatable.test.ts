// A back-test's random draws do not hang on row ids: the same history file
// imported into two units (new shipment ids) and the same profile document
// created in each (new version ids) give the same figures to the last digit.
// 60 records, a fifth drawn at random: with draws keyed on row ids the two
// results differ (the random selections and their hits are counted apart).
import { randomUUID } from "node:crypto";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { startWorkerPool, type WorkerPool } from "../../workers/pool.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser, type TestUser } from "../helpers/test-users.js";
import { waitFor } from "../helpers/wait-for.js";

let services: TestServices;
let app: ReturnType<typeof createApp>;
let workers: WorkerPool;
const units: { unit: TestUnit; analyst: TestUser }[] = [];

const DOC = {
  language: "portcullis/profile@1",
  code: "BT-REPEAT",
  name: "Repeatable",
  target: { kind: "commodity", commodity: "cocaine" },
  randomRate: 0.2,
  thresholds: { high: 60, medium: 40, low: 20, select: 50 },
  indicators: [{ code: "SRC", label: "Loaded in Guayaquil", points: 50, when: { op: "routeVia", ports: ["ECGYE"], legs: "loading" } }],
};

/** The same 60 history records, by declaration reference, in whichever unit. */
async function importHistory(unitId: string): Promise<void> {
  for (let line = 0; line < 60; line += 1) {
    const id = randomUUID();
    const day = `2025-03-${String(1 + (line % 28)).padStart(2, "0")}`;
    await services.pool.query(
      `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading,
         transshipment_ports, port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description)
       VALUES ($1, $2, 'history', $3, $4, $5, 'sea', $6, '{}', 'BEANR', $7, '{}', ARRAY['080390'], 'history record')`,
      [id, unitId, line, `DECL-${line}`, `BL${line}`, line % 3 === 0 ? "ECGYE" : "NLRTM", day],
    );
    await services.pool.query(
      `INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', $4)`,
      [id, unitId, line % 4 === 0 ? "seizure" : "nothing_found", new Date(`${day}T10:00:00Z`)],
    );
  }
}

beforeAll(async () => {
  services = createTestServices();
  app = createApp(services);
  workers = startWorkerPool(services);
  for (let k = 0; k < 2; k += 1) {
    const unit = await createTestUnit(services);
    const analyst = await createTestUser(services, [{ role: "analyst", unitCode: unit.code }]);
    await importHistory(unit.id);
    const created = await request(app).post(`/v1/units/${unit.code}/profiles`).set(bearer(analyst)).send(DOC);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    units.push({ unit, analyst });
  }
});
afterAll(async () => {
  await workers.close();
  await services.dispose();
});

async function backtest({ unit, analyst }: { unit: TestUnit; analyst: TestUser }) {
  const started = await request(app).post(`/v1/units/${unit.code}/backtests`).set(bearer(analyst)).send({ profile: { profileCode: "BT-REPEAT", version: 1 } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const job = await waitFor(async () => {
    const found = await request(app).get(started.headers.location!).set(bearer(analyst));
    if (found.body.status === "failed") throw new Error(`job failed: ${found.body.error}`);
    return found.body.status === "succeeded" ? found.body : undefined;
  }, { what: "backtest job" });
  return job.result;
}

describe("back-test random draws", () => {
  test("the same history and profile in two units give identical results", async () => {
    const [first, second] = [await backtest(units[0]!), await backtest(units[1]!)];
    expect(first.records).toBe(60);
    expect(first.profile.random.selected).toBeGreaterThan(0);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});
