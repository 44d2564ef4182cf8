// The value-per-kg medians a learned profile was trained against (the
// builder's ValueMedians) are the ones live scoring and back-tests look up,
// national 8-digit HS codes included: all three group by the first 6 digits.
import { afterAll, beforeAll, expect, test } from "vitest";
import { ingestManifest } from "../../core/manifests/ingest-manifest.js";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { loadMediansAsOf } from "../../core/profiles/medians-as-of.js";
import { clearMedianCache, loadScoringContext } from "../../core/scoring/scoring-context.js";
import { loadShipmentInputs, toShipmentInput } from "../../core/scoring/shipment-input.js";
import { ValueMedians } from "../../profiling/builder/value-medians.js";
import { buildManifest, buildShipment } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit } from "../helpers/test-units.js";

let services: TestServices;
beforeAll(() => {
  services = createTestServices();
});
afterAll(() => services.dispose());

test("builder, live scoring and back-tests find the same median for 6- and 8-digit HS codes", async () => {
  const unit = await createTestUnit(services);
  // Bananas declared under two national 8-digit codes of one subheading, plantains under a third, and timber under its 6-digit code.
  const shipments = Array.from({ length: 12 }, (_, i) =>
    buildShipment(i * 4, { hsCodes: [i % 2 === 0 ? "08039010" : "08039090"], declaredValue: { amount: 1_000 + 100 * i, currency: "USD" }, grossWeightKg: 1_000 }),
  )
    // Plantains, another subheading of the same heading (0803), priced far higher: the heading's median is not the subheading's.
    .concat(Array.from({ length: 12 }, (_, i) => buildShipment(i * 4 + 1, { hsCodes: ["08031010"], declaredValue: { amount: 9_000 + 10 * i, currency: "USD" }, grossWeightKg: 1_000 })))
    .concat(Array.from({ length: 6 }, (_, i) => buildShipment(i * 4 + 3, { declaredValue: { amount: 2_000 + 10 * i, currency: "USD" }, grossWeightKg: 1_000 })));
  const manifest = manifestSchema(1_000).parse(buildManifest(0, { shipments }));
  await ingestManifest(services, { unit: { id: unit.id, code: unit.code, country: "BE", programme: "CCP" }, manifest, actor: { name: "test" } });
  const ids = await services.pool.query<{ id: string }>("SELECT id FROM shipment WHERE unit_id = $1", [unit.id]);
  const client = await services.pool.connect();
  const stored = await loadShipmentInputs(client, ids.rows.map((r) => r.id)).finally(() => client.release());
  const builder = ValueMedians.of(stored.map((s) => toShipmentInput(s.row)));
  clearMedianCache(unit.id);
  const live = await loadScoringContext(services.pool, unit.id, [], new Date());
  const asOf = await loadMediansAsOf(services.pool, unit.id);
  const later = Date.parse("2027-01-01T00:00:00Z");
  for (const hs of ["08039010", "08039090", "080390", "08031010", "440799"]) {
    const expected = builder.lookup(hs, "EC", "USD");
    expect(expected, hs).toBeDefined();
    expect(live.medianValuePerKg(hs, "EC", "USD"), hs).toBeCloseTo(expected!, 9);
    expect(asOf(later, hs, "EC", "USD"), hs).toBeCloseTo(expected!, 9);
  }
  // The two 8-digit codes share their subheading's median (1.55 per kg), not a median of their own.
  expect(live.medianValuePerKg("08039010", "EC", "USD")).toBeCloseTo(1.55, 9);
});
