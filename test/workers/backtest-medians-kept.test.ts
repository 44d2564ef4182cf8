// A back-test's value-median groups are kept between runs while the unit's
// shipments stay the same, and read afresh once a shipment is added or removed
// (a manifest, an import, a cancellation or the archive), whichever process did it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { keptMedianGroups } from "../../core/profiles/medians-as-of.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";

let services: TestServices;
let unit: TestUnit;

async function priced(line: number, perKg: number): Promise<string> {
  const id = randomUUID();
  await services.pool.query(
    `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading, transshipment_ports,
       port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description, declared_value, net_weight_kg, currency, country_of_origin)
     VALUES ($1, $2, 'history', $3, $4, $4, 'sea', 'BRSSZ', '{}', 'BEANR', '2025-02-01', '{}', ARRAY['440799'], 'timber', $5, 100, 'USD', 'BR')`,
    [id, unit.id, line, `KEPT-${line}`, perKg * 100],
  );
  return id;
}

const group = async () => (await keptMedianGroups(services.pool, unit.id)).find((g) => g.hs === "440799" && g.origin === "BR" && g.currency === "USD");

beforeAll(async () => {
  services = createTestServices();
  unit = await createTestUnit(services);
  for (let k = 0; k < 5; k += 1) await priced(k, 2 + k);
});
afterAll(async () => {
  await services.dispose();
});

describe("kept value-median groups", () => {
  test("the same rows while the shipments stay; new rows after one is added or removed", async () => {
    const first = await keptMedianGroups(services.pool, unit.id);
    expect((await group())?.values).toEqual([2, 3, 4, 5, 6]);
    expect(await keptMedianGroups(services.pool, unit.id)).toBe(first);
    const added = await priced(5, 50);
    expect((await group())?.values).toEqual([2, 3, 4, 5, 6, 50]);
    await services.pool.query("DELETE FROM shipment WHERE id = $1", [added]);
    expect((await group())?.values).toEqual([2, 3, 4, 5, 6]);
  });
});
