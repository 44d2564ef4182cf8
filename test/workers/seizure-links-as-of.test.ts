// partySeizureLinked degree 1 and 2 in back-tests, as of each record's day:
// never through the record's own seizure, never through a seizure or a
// shared shipment that came later; a shared shipment of that very day (the
// record's own included) counts, as in live scoring. Rows are inserted by
// hand on real PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runBacktest } from "../../core/profiles/backtest-runners.js";
import { labelledHistory } from "../../core/profiles/labelled-history.js";
import { seizureLinksAsOf } from "../../core/profiles/seizure-links-as-of.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";

let services: TestServices;

beforeAll(() => {
  services = createTestServices();
});
afterAll(async () => {
  await services.dispose();
});

interface Party {
  id: string;
  key: string;
}

async function insertParty(): Promise<Party> {
  const id = randomUUID();
  const key = `ID|XX|SL${id.slice(0, 8).toUpperCase()}`;
  await services.pool.query("INSERT INTO party (id, identity_key, name, normalized_name) VALUES ($1, $2, $3, $3)", [id, key, `Party ${key}`]);
  return { id, key };
}

interface Row {
  ref: string;
  arrival: string;
  shipper: Party;
  consignee: Party;
  seized?: boolean;
}

async function insertRows(unit: TestUnit, rows: Row[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [line, row] of rows.entries()) {
    const id = randomUUID();
    ids.set(id, row.ref);
    const parties = { shipper: { name: `S ${row.shipper.key}`, key: row.shipper.key }, consignee: { name: `C ${row.consignee.key}`, key: row.consignee.key } };
    await services.pool.query(
      `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading, transshipment_ports,
         port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description, shipper_id, consignee_id, parties)
       VALUES ($1, $2, 'history', $3, $4, $5, 'sea', 'ECGYE', '{}', 'BEANR', $6, '{}', ARRAY['080390'], 'history record', $7, $8, $9)`,
      [id, unit.id, line, row.ref, `BL-${row.ref}`, row.arrival, row.shipper.id, row.consignee.id, JSON.stringify(parties)],
    );
    await services.pool.query(
      "INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', $4)",
      [id, unit.id, row.seized ? "seizure" : "nothing_found", `${row.arrival}T10:00:00Z`],
    );
  }
  return ids;
}

describe("seizure links of degree 1 and 2 as of the record's day", () => {
  let unit: TestUnit;
  let refOf: Map<string, string>;
  let p: Record<"S" | "C" | "T" | "U" | "V" | "W", Party>;

  beforeAll(async () => {
    unit = await createTestUnit(services);
    p = { S: await insertParty(), C: await insertParty(), T: await insertParty(), U: await insertParty(), V: await insertParty(), W: await insertParty() };
    refOf = await insertRows(unit, [
      { ref: "A", arrival: "2025-06-01", shipper: p.S, consignee: p.C, seized: true },
      // B: consignee C (linked since A) with a new shipper T: T is degree 2 from B's day on.
      { ref: "B", arrival: "2025-06-05", shipper: p.T, consignee: p.C },
      { ref: "D-same-day", arrival: "2025-06-05", shipper: p.T, consignee: p.U },
      { ref: "D-later", arrival: "2025-06-10", shipper: p.T, consignee: p.V },
      // K: W before its own seizure E; L: W after it.
      { ref: "K", arrival: "2025-06-15", shipper: p.W, consignee: p.V },
      { ref: "E", arrival: "2025-06-20", shipper: p.W, consignee: p.U, seized: true },
      { ref: "L", arrival: "2025-06-25", shipper: p.W, consignee: p.S },
    ]);
  });

  /** Per record, [degree 1, degree 2] of its shipper and of its consignee. */
  async function links(batchSize: number): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for await (const batch of labelledHistory(services.pool, unit.id, { from: "2025-06-01", to: "2025-06-30" }, new Date(), batchSize)) {
      for (const record of batch.records) {
        const ctx = batch.contextFor(record);
        const flags = (key: string) => `${ctx.partyLinkedToSeizure(key) ? 1 : "-"}${ctx.partyLinkedToSeizure(key, 2) ? 2 : "-"}`;
        out[refOf.get(record.shipment.id)!] = `shipper ${flags(record.shipment.shipper!.key!)} consignee ${flags(record.shipment.consignee!.key!)}`;
      }
    }
    return out;
  }

  test("each record sees only the links in place before its day", async () => {
    const expected = {
      // Its own seizure is its label: nothing links S or C yet.
      A: "shipper -- consignee --",
      // C linked through A; T shares B itself with C: degree 2, as live scoring of B sees it.
      B: "shipper -2 consignee 12",
      // B arrived the same day (live, both are in before either is scored): T degree 2; U shares only with T.
      "D-same-day": "shipper -2 consignee --",
      // T shared B with C before this day: degree 2, not degree 1. V unrelated.
      "D-later": "shipper -2 consignee --",
      // W's seizure (E) is later; V shares nothing with a linked party.
      K: "shipper -- consignee --",
      // E's own seizure never links its parties for E; U shared D-same-day with T, but T is no degree-1 party.
      E: "shipper -- consignee --",
      // After E: W degree 1; S degree 1 since A.
      L: "shipper 12 consignee 12",
    };
    expect(await links(1_000)).toEqual(expected);
    // The same across page boundaries: the links are read once per run, not per page.
    expect(await links(2)).toEqual(expected);
  });

  test("a back-test job scores degree 1 and degree 2 profiles as of each record's day", async () => {
    const run = async (degree: 1 | 2) => {
      const definition = {
        language: "portcullis/profile@1",
        code: `LINKED-${degree}`,
        name: "Seizure-linked party",
        target: { kind: "commodity", commodity: "cocaine" },
        thresholds: { high: 60, medium: 40, low: 20, select: 50 },
        indicators: [{ code: "LINKED", label: "A party linked to a seizure", points: 50, when: { op: "partySeizureLinked", role: "any", degree } }],
      };
      const job = { id: randomUUID(), unitId: unit.id, kind: "backtest" as const, createdBy: null,
        params: { from: "2025-06-01", to: "2025-06-30", profiles: [{ definition, profileCode: `LINKED-${degree}` }] } };
      return (await runBacktest(services, job, () => Promise.resolve())) as { records: number; hits: number; profile: { selected: number; selectedHits: number } };
    };
    // Degree 1 selects B and L; degree 2 also D-same-day and D-later (their shipper T shared B with C).
    // The seized A and E select themselves in neither.
    expect(await run(1)).toMatchObject({ records: 7, hits: 2, profile: { selected: 2, selectedHits: 0 } });
    expect(await run(2)).toMatchObject({ records: 7, hits: 2, profile: { selected: 4, selectedHits: 0 } });
  });

  test("degree 2 never goes through the record's own seizure, but may go through its own shipment", () => {
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
    const linked = seizureLinksAsOf({
      seized: [{ shipmentId: "R", seizedAt: day("2025-01-01"), partyIds: ["y"] }, { shipmentId: "Q", seizedAt: day("2025-03-01"), partyIds: ["y"] }],
      shared: { shipmentIds: ["S2"], days: Float64Array.of(day("2025-01-10")), parties: ["x", "y", null, null, "x"] },
      partyIdOf: new Map([["X", "x"], ["Y", "y"]]),
      degree2: true,
    });
    // Through S2 and the seizure of R: linked for another record, not for R itself until Q's seizure.
    expect(linked("X", 2, "other", day("2025-02-01"))).toBe(true);
    expect(linked("X", 2, "R", day("2025-02-01"))).toBe(false);
    expect(linked("X", 2, "R", day("2025-03-02"))).toBe(true);
    // The record may be the shared shipment itself (live scoring has it in when it scores it).
    expect(linked("X", 2, "S2", day("2025-03-02"))).toBe(true);
    expect(linked("X", 1, "other", day("2025-03-02"))).toBe(false);
    // On the shared shipment's own day (the seizure was earlier), not before it.
    expect(linked("X", 2, "other", day("2025-01-10"))).toBe(true);
    expect(linked("X", 2, "other", day("2025-01-09"))).toBe(false);
    // A seizure counts from the day after its inspection.
    const sameDay = seizureLinksAsOf({
      seized: [{ shipmentId: "Q", seizedAt: day("2025-01-10") + 10 * 3_600_000, partyIds: ["y"] }],
      shared: { shipmentIds: ["S2"], days: Float64Array.of(day("2025-01-05")), parties: ["x", "y", null, null, null] },
      partyIdOf: new Map([["X", "x"], ["Y", "y"]]),
      degree2: true,
    });
    expect(sameDay("X", 2, "other", day("2025-01-10"))).toBe(false);
    expect(sameDay("X", 2, "other", day("2025-01-11"))).toBe(true);
  });
});
