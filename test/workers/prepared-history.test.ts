// Back-tests read a unit's history once per history snapshot: a second run
// over unchanged history takes the kept copy, and a recorded inspection (a
// new labelled box, or a new outcome on a known one) or a finished history
// import makes the next run read it afresh, whichever process recorded it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inRange, preparedHistory } from "../../core/profiles/prepared-history.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";

let services: TestServices;
let unit: TestUnit;

async function insertShipment(line: number, arrival: string): Promise<string> {
  const id = randomUUID();
  await services.pool.query(
    `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading,
       transshipment_ports, port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description)
     VALUES ($1, $2, 'history', $3, $4, $5, 'sea', 'ECGYE', '{}', 'BEANR', $6, '{}', ARRAY['080390'], 'history record')`,
    [id, unit.id, line, `PREP-${line}`, `BL${line}`, arrival],
  );
  return id;
}

async function inspect(shipmentId: string, outcome: "seizure" | "nothing_found", at: string): Promise<void> {
  await services.pool.query(
    `INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', $4)`,
    [shipmentId, unit.id, outcome, new Date(at)],
  );
}

const read = () => preparedHistory(services.pool, unit.id, 1);
const summary = async () => (await read()).records.map((r) => `${r.drawKey} ${r.day} ${r.hit}`);

beforeAll(async () => {
  services = createTestServices();
  unit = await createTestUnit(services);
  await inspect(await insertShipment(1, "2025-03-01"), "nothing_found", "2025-03-01T10:00:00Z");
  await inspect(await insertShipment(2, "2025-03-02"), "seizure", "2025-03-02T10:00:00Z");
  await insertShipment(3, "2025-03-03"); // never inspected: no label
});
afterAll(async () => {
  await services.dispose();
});

describe("prepared history", () => {
  test("is read once while the history stays the same", async () => {
    const first = await read();
    expect(await summary()).toEqual(["history:PREP-1 2025-03-01 false", "history:PREP-2 2025-03-02 true"]);
    expect(await read()).toBe(first);
    // Asking for degree-2 seizure links reads the shared shipments too: a new copy, kept for degree 1 as well.
    const degree2 = await preparedHistory(services.pool, unit.id, 2);
    expect(degree2).not.toBe(first);
    expect(degree2.degree2).toBe(true);
    expect(await read()).toBe(degree2);
  });

  test("a recorded inspection or a finished import makes the next run read it afresh", async () => {
    const before = await read();
    const third = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE unit_id = $1 AND external_ref = 'PREP-3'", [unit.id]);
    await inspect(third.rows[0]!.id, "nothing_found", "2025-03-03T09:00:00Z");
    const afterNew = await read();
    expect(afterNew).not.toBe(before);
    expect(await summary()).toEqual(["history:PREP-1 2025-03-01 false", "history:PREP-2 2025-03-02 true", "history:PREP-3 2025-03-03 false"]);

    // A second inspection of a known box, dated before the latest one: the count still names the change.
    const first = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE unit_id = $1 AND external_ref = 'PREP-1'", [unit.id]);
    await inspect(first.rows[0]!.id, "seizure", "2025-03-01T12:00:00Z");
    expect((await summary())[0]).toBe("history:PREP-1 2025-03-01 true");

    const kept = await read();
    await services.pool.query(
      `INSERT INTO history_import (id, unit_id, format, status, finished_at) VALUES (gen_random_uuid(), $1, 'csv', 'succeeded', now())`,
      [unit.id],
    );
    expect(await read()).not.toBe(kept);
  });

  test("date bounds are inclusive and select from the kept records", async () => {
    const history = await read();
    const days = (from: string | null, to: string | null) => inRange(history, from, to).records.map((r) => r.day);
    expect(days("2025-03-02", "2025-03-02")).toEqual(["2025-03-02"]);
    expect(days(null, "2025-03-02")).toEqual(["2025-03-01", "2025-03-02"]);
    expect(days("2025-03-02", null)).toEqual(["2025-03-02", "2025-03-03"]);
    expect(days("2025-03-04", "2025-03-01")).toEqual([]);
  });
});
