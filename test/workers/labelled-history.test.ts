// The one labelled-history reader shared by back-tests and profile builds
// (core/profiles/labelled-history.ts), on real PostgreSQL with rows inserted
// by hand: paging across page boundaries, period filters, labels, the
// dating of shipments with no arrival date, and seizure links judged as on
// each record's day (a seizure never leaks into its own back-test label).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runBacktest } from "../../core/profiles/backtest-runners.js";
import {
  countLabelled,
  historyRecords,
  labelledHistory,
  labelledShipments,
  type HistorySelection,
  type LabelledShipment,
} from "../../core/profiles/labelled-history.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit, type TestUnit } from "../helpers/test-units.js";

let services: TestServices;

type Outcome = "seizure" | "irregularity" | "nothing_found";

interface Row {
  ref: string;
  arrival: string | null;
  /** Outcomes with the inspection time; the default is the arrival day at 10:00 UTC plus k hours. */
  inspections: (Outcome | [Outcome, string])[];
  consignee?: { id: string; key: string };
  parties?: unknown;
  /** Inspections recorded under another unit's id (hand-edited data). */
  otherUnit?: string;
}

async function insertParty(): Promise<{ id: string; key: string }> {
  const id = randomUUID();
  const key = `ID|XX|LH${id.slice(0, 8).toUpperCase()}`;
  await services.pool.query("INSERT INTO party (id, identity_key, name, normalized_name) VALUES ($1, $2, $3, $3)", [id, key, `Party ${key}`]);
  return { id, key };
}

/** Inserts the rows in the order given; returns the shipment id per ref. */
async function insertRows(unit: TestUnit, rows: Row[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [line, row] of rows.entries()) {
    const id = randomUUID();
    ids.set(row.ref, id);
    const parties = row.parties ?? (row.consignee ? { consignee: { name: `Consignee ${row.consignee.key}`, key: row.consignee.key } } : {});
    await services.pool.query(
      `INSERT INTO shipment (id, unit_id, source, line_no, external_ref, bill_of_lading, transport_mode, port_of_loading,
         transshipment_ports, port_of_discharge, arrival_date, seal_numbers, hs_codes, goods_description, consignee_id, parties)
       VALUES ($1, $2, 'history', $3, $4, $5, 'sea', 'ECGYE', '{}', 'BEANR', $6, '{}', ARRAY['080390'], 'history record', $7, $8)`,
      [id, unit.id, line, row.ref, `BL-${row.ref}`, row.arrival, row.consignee?.id ?? null, JSON.stringify(parties)],
    );
    for (const [k, inspection] of row.inspections.entries()) {
      const [outcome, at] = Array.isArray(inspection) ? inspection : [inspection, `${row.arrival}T${String(10 + k).padStart(2, "0")}:00:00Z`];
      await services.pool.query(
        "INSERT INTO inspection (id, shipment_id, unit_id, outcome, methods, inspected_at) VALUES (gen_random_uuid(), $1, $2, $3, '{physical}', $4)",
        [id, row.otherUnit ?? unit.id, outcome, at],
      );
    }
  }
  return ids;
}

async function pages(unit: TestUnit, selection: HistorySelection, batchSize: number): Promise<{ sizes: number[]; records: LabelledShipment[]; skipped: number }> {
  const sizes: number[] = [];
  const records: LabelledShipment[] = [];
  let skipped = 0;
  for await (const page of labelledShipments(services.pool, unit.id, selection, { batchSize })) {
    sizes.push(page.records.length + page.skipped);
    records.push(...page.records);
    skipped += page.skipped;
  }
  return { sizes, records, skipped };
}

beforeAll(() => {
  services = createTestServices();
});
afterAll(async () => {
  await services.dispose();
});

describe("paging, order, filters and labels", () => {
  let unit: TestUnit;
  let other: TestUnit;
  let ids: Map<string, string>;
  const refOf = (records: { shipment: { id: string } }[]) => records.map((r) => [...ids].find(([, id]) => id === r.shipment.id)![0]);

  beforeAll(async () => {
    unit = await createTestUnit(services);
    other = await createTestUnit(services);
    // Inserted out of date order on purpose; three records share 2025-03-02.
    ids = await insertRows(unit, [
      { ref: "mar05", arrival: "2025-03-05", inspections: ["nothing_found"] },
      { ref: "mar02a", arrival: "2025-03-02", inspections: ["irregularity"] },
      { ref: "mar01", arrival: "2025-03-01", inspections: ["seizure"] },
      { ref: "mar02b", arrival: "2025-03-02", inspections: ["nothing_found", "seizure"] },
      { ref: "mar02c", arrival: "2025-03-02", inspections: ["nothing_found", "nothing_found"] },
      { ref: "mar03", arrival: "2025-03-03", inspections: ["irregularity", "nothing_found"] },
      { ref: "mar04", arrival: "2025-03-04", inspections: ["nothing_found"] },
      { ref: "feb28", arrival: "2025-02-28", inspections: ["seizure"] },
      { ref: "mar06", arrival: "2025-03-06", inspections: ["seizure"] },
      { ref: "uninspected", arrival: "2025-03-03", inspections: [] },
      // Only another unit's inspection: not this unit's label.
      { ref: "foreign", arrival: "2025-03-03", inspections: ["seizure"], otherUnit: other.id },
      // No arrival date: dated by the first inspection only when the selection asks for it.
      { ref: "undated-in", arrival: null, inspections: [["nothing_found", "2025-03-04T23:30:00Z"], ["seizure", "2025-03-09T08:00:00Z"]] },
      { ref: "undated-out", arrival: null, inspections: [["irregularity", "2025-02-27T12:00:00Z"], ["nothing_found", "2025-03-02T12:00:00Z"]] },
    ]);
  });

  const MARCH: HistorySelection = { from: "2025-03-01", to: "2025-03-06" };
  /** Refs in the order PostgreSQL sorts their uuids (byte order: the lower-case hex text's order). */
  const byId = (refs: string[]) => [...refs].sort((a, b) => (ids.get(a)! < ids.get(b)! ? -1 : 1));

  test("pages of the batch size across day boundaries, in (day, id) order, the same rows whatever the page size", async () => {
    const whole = await pages(unit, MARCH, 100);
    const paged = await pages(unit, MARCH, 3);
    expect(whole.sizes).toEqual([8]);
    expect(paged.sizes).toEqual([3, 3, 2]);
    expect(paged.records.map((r) => r.shipment.id)).toEqual(whole.records.map((r) => r.shipment.id));
    // Ties on 2025-03-02 straddle the first page boundary, ordered by id.
    expect(refOf(paged.records.slice(1, 4))).toEqual(byId(["mar02a", "mar02b", "mar02c"]));
    expect(refOf(paged.records).filter((ref) => !ref.startsWith("mar02"))).toEqual(["mar01", "mar03", "mar04", "mar05", "mar06"]);
    expect(paged.records.map((r) => r.day)).toEqual(["2025-03-01", "2025-03-02", "2025-03-02", "2025-03-02", "2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"]);
    // A last page exactly full: no empty page is yielded after it.
    expect((await pages(unit, MARCH, 4)).sizes).toEqual([4, 4]);
  });

  test("labels: a hit for a seizure or an irregularity on any inspection, critical only for a seizure", async () => {
    const { records } = await pages(unit, MARCH, 2);
    const labels = Object.fromEntries(records.map((r) => [refOf([r])[0], [r.hit, r.critical]]));
    expect(labels).toEqual({
      mar01: [true, true],
      mar02a: [true, false],
      mar02b: [true, true],
      mar02c: [false, false],
      mar03: [true, false],
      mar04: [false, false],
      mar05: [false, false],
      mar06: [true, true],
    });
  });

  test("period filters: inclusive bounds, open bounds, and undated shipments skipped or dated by their first inspection", async () => {
    const refs = async (selection: HistorySelection) => refOf((await pages(unit, selection, 5)).records);
    expect(await refs({ from: "2025-03-02", to: "2025-03-02" })).toEqual(byId(["mar02a", "mar02b", "mar02c"]));
    expect(await refs({ from: null, to: "2025-03-01" })).toEqual(["feb28", "mar01"]);
    expect(await refs({ from: "2025-03-05", to: null })).toEqual(["mar05", "mar06"]);
    expect((await refs({ from: null, to: null })).length).toBe(9);
    // Builds: the undated shipment first inspected on 2025-03-04 joins that day; the one first inspected in February stays out.
    const builds = await refs({ ...MARCH, undated: "first-inspection" });
    expect(builds.length).toBe(9);
    expect(builds.slice(5, 7)).toEqual(byId(["mar04", "undated-in"]));
    expect(await refs({ from: null, to: "2025-02-27", undated: "first-inspection" })).toEqual(["undated-out"]);
    for (const selection of [MARCH, { from: null, to: null }, { ...MARCH, undated: "first-inspection" as const }, { from: "2025-02-27", to: "2025-02-27", undated: "first-inspection" as const }]) {
      expect(await countLabelled(services.pool, unit.id, selection)).toBe((await pages(unit, selection, 4)).records.length);
    }
  });

  test("the back-test view and the build view read the same rows with the same labels", async () => {
    const backtest: { id: string; day: string; hit: boolean }[] = [];
    for await (const batch of labelledHistory(services.pool, unit.id, MARCH, new Date(), 3)) {
      backtest.push(...batch.records.map((r) => ({ id: r.shipment.id, day: r.arrivalDate, hit: r.hit })));
    }
    const build: { id: string; day: string; hit: boolean; critical: boolean | undefined }[] = [];
    for await (const batch of historyRecords(services.pool, unit.id, MARCH, 3)) {
      build.push(...batch.map((r) => ({ id: r.shipment.id, day: r.date, hit: r.label.hit, critical: r.label.critical })));
    }
    const core = (await pages(unit, MARCH, 3)).records;
    expect(backtest).toEqual(core.map((r) => ({ id: r.shipment.id, day: r.day, hit: r.hit })));
    expect(build).toEqual(core.map((r) => ({ id: r.shipment.id, day: r.day, hit: r.hit, critical: r.critical })));
  });

  test("a build's record carries when its first seizure was recorded, so the builder links its parties from the day after (not from its arrival)", async () => {
    const seized: Record<string, string | undefined> = {};
    for await (const batch of historyRecords(services.pool, unit.id, MARCH, 3)) for (const r of batch) seized[refOf([r])[0]!] = r.inspectedAt;
    expect(seized).toEqual({
      mar01: "2025-03-01T10:00:00.000Z",
      mar02a: undefined,
      // Its nothing-found inspection came first, at 10:00; the seizure an hour later.
      mar02b: "2025-03-02T11:00:00.000Z",
      mar02c: undefined,
      mar03: undefined,
      mar04: undefined,
      mar05: undefined,
      mar06: "2025-03-06T10:00:00.000Z",
    });
  });

  test("a consumer that stops early hands its connection back outside any transaction", async () => {
    for await (const page of labelledShipments(services.pool, unit.id, MARCH, { batchSize: 2 })) {
      expect(page.records).toHaveLength(2);
      break;
    }
    // Every pooled client is outside a transaction: one left in the read-only cursor transaction would still hold the cursor.
    const clients = await Promise.all(Array.from({ length: services.pool.totalCount || 1 }, () => services.pool.connect()));
    try {
      for (const client of clients) expect((await client.query<{ transaction_read_only: string }>("SHOW transaction_read_only")).rows[0]!.transaction_read_only).toBe("off");
      for (const client of clients) await expect(client.query("FETCH 1 FROM labelled")).rejects.toThrow(/cursor "labelled" does not exist/);
    } finally {
      for (const client of clients) client.release();
    }
  });
});

describe("malformed stored rows", () => {
  test("a back-test counts and skips them; a build fails on them", async () => {
    const unit = await createTestUnit(services);
    await insertRows(unit, [
      { ref: "good", arrival: "2025-04-01", inspections: ["seizure"] },
      { ref: "bad", arrival: "2025-04-02", inspections: ["nothing_found"], parties: ["not", "an", "object"] },
    ]);
    const range = { from: "2025-04-01", to: "2025-04-30" };
    const batches = [];
    for await (const batch of labelledHistory(services.pool, unit.id, range, new Date())) batches.push(batch);
    expect(batches.map((b) => [b.records.length, b.skipped])).toEqual([[1, 1]]);
    const build = async () => {
      for await (const _batch of historyRecords(services.pool, unit.id, range)) void _batch;
    };
    await expect(build()).rejects.toThrow(/malformed: parties is not an object/);
  });
});

describe("seizure links as of the record's day", () => {
  let unit: TestUnit;
  let ids: Map<string, string>;
  let known: { id: string; key: string };
  let once: { id: string; key: string };
  let early: { id: string; key: string };

  beforeAll(async () => {
    unit = await createTestUnit(services);
    known = await insertParty();
    once = await insertParty();
    early = await insertParty();
    ids = await insertRows(unit, [
      // Party `known`: seized on 06-01; another of its boxes arrived the same day; a later box was clean, then another seized.
      { ref: "first-seizure", arrival: "2025-06-01", inspections: ["seizure"], consignee: known },
      { ref: "same-day", arrival: "2025-06-01", inspections: ["nothing_found"], consignee: known },
      { ref: "after", arrival: "2025-06-05", inspections: ["nothing_found"], consignee: known },
      { ref: "second-seizure", arrival: "2025-06-09", inspections: ["seizure"], consignee: known },
      // Party `once`: its only box was seized (an imported record: inspected at midnight of its arrival day).
      { ref: "only", arrival: "2025-06-03", inspections: [["seizure", "2025-06-03T00:00:00Z"]], consignee: once },
      // Party `early`: its only box was seized two days before its recorded arrival date (a late-corrected date).
      { ref: "early", arrival: "2025-06-20", inspections: [["seizure", "2025-06-18T12:00:00Z"]], consignee: early },
    ]);
  });

  const RANGE = { from: "2025-06-01", to: "2025-06-30" };

  test("a party is linked only through a seizure on another shipment inspected before the record's day", async () => {
    const linked: Record<string, boolean> = {};
    const nows: Record<string, string> = {};
    for await (const batch of labelledHistory(services.pool, unit.id, RANGE, new Date(), 2)) {
      for (const record of batch.records) {
        const ref = [...ids].find(([, id]) => id === record.shipment.id)![0];
        const ctx = batch.contextFor(record);
        linked[ref] = ctx.partyLinkedToSeizure(record.shipment.consignee!.key!);
        nows[ref] = ctx.now.toISOString();
      }
    }
    expect(linked).toEqual({ "first-seizure": false, "same-day": false, only: false, early: false, after: true, "second-seizure": true });
    expect(nows.after).toBe("2025-06-05T23:59:59.999Z");
  });

  test("a back-test job scores seizure links as of each record's day, so a seizure does not select its own record", async () => {
    const definition = {
      language: "portcullis/profile@1",
      code: "LH-SEIZED",
      name: "Seizure-linked consignee",
      target: { kind: "commodity", commodity: "cocaine" },
      thresholds: { high: 60, medium: 40, low: 20, select: 50 },
      indicators: [{ code: "LINKED", label: "Consignee linked to a seizure", points: 50, when: { op: "partySeizureLinked", role: "consignee" } }],
    };
    const job = { id: randomUUID(), unitId: unit.id, kind: "backtest" as const, createdBy: null, params: { ...RANGE, profiles: [{ definition, profileCode: "LH-SEIZED" }] } };
    const result = (await runBacktest(services, job, () => Promise.resolve())) as { records: number; hits: number; profile: { selected: number; selectedHits: number } };
    // As of today all six would be linked (4 hits selected); as of their day only `after` and `second-seizure` are.
    expect(result).toMatchObject({ records: 6, hits: 4, profile: { selected: 2, selectedHits: 1 } });
  });
});
