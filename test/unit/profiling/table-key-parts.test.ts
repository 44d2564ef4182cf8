// Back-tests keep each record's normalised table-key parts between runs
// (ShipmentFacts.keyParts): scores with kept parts must equal scores without,
// on the first run that fills them and on the next that reads them, and a
// key part read from the context (value per kg against the median) must
// follow the context, never a kept value.
import { describe, expect, test } from "vitest";
import { compileProfile } from "../../../profiling/dsl/compile.js";
import { validateProfile } from "../../../profiling/dsl/validate.js";
import { ShipmentFacts } from "../../../profiling/derived.js";
import { keySlot, KeptKeys, KeptKeyStore } from "../../../profiling/kept-keys.js";
import { context, shipment } from "./support.js";

const checked = validateProfile({
  language: "portcullis/profile@1",
  code: "KEPT-KEYS",
  name: "Tables over names and a ratio",
  target: { kind: "commodity", commodity: "cocaine" },
  thresholds: { high: 30, medium: 20, low: 10 },
  indicators: [
    { code: "PAIR", label: "Shipper and consignee", table: { key: ["shipper.name", "consignee.name"], entries: { "EXPORTADORA BANANERA DEL PACIFICO SA|FRESH FRUIT IMPORT BV": 12 } } },
    { code: "HS4_ORIGIN", label: "HS4 and origin", table: { key: ["hs:4", "countryOfOrigin"], entries: { "0803|EC": 5 } } },
    { code: "RATIO", label: "Value against the median", table: { key: ["derived.valuePerKgRatio"], entries: { "0.5": 20, "1": -3 } } },
  ],
});
if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
const compiled = compileProfile(checked.profile);

const score = (keyParts: KeptKeys | undefined, median: number) => {
  const s = shipment({ declaredValue: 21_800, netWeightKg: 21_800 }); // 1 USD per kg
  const facts = new ShipmentFacts(s, context({ medianValuePerKg: () => median }));
  facts.keyParts = keyParts;
  const result = compiled.scoreFacts(facts, { shipmentId: "kept", versionId: "v" });
  return { score: result.score, indicators: result.indicators.map((i) => [i.code, i.points]) };
};

describe("kept table-key parts", () => {
  test("give the same scores as reading the shipment afresh, when filled and when read", () => {
    const kept = new KeptKeys(new KeptKeyStore());
    const fresh = score(undefined, 2);
    expect(fresh.indicators).toEqual([["PAIR", 12], ["HS4_ORIGIN", 5], ["RATIO", 20]]);
    expect(score(kept, 2)).toEqual(fresh);
    expect(kept.ids.filter((id) => id !== undefined).length).toBeGreaterThan(0);
    expect(score(kept, 2)).toEqual(fresh);
    // A second record of the same history with the same texts shares their numbers, and scores alike.
    const other = new KeptKeys(kept.store);
    expect(score(other, 2)).toEqual(fresh);
    expect(other.ids).toEqual(kept.ids);
  });

  test("a key part read from the context follows the context, not what was kept", () => {
    const kept = new KeptKeys(new KeptKeyStore());
    expect(score(kept, 2).indicators).toContainEqual(["RATIO", 20]);
    // The median moved: the ratio is now 1, whatever the first run kept.
    expect(score(kept, 1).indicators).toContainEqual(["RATIO", -3]);
    expect(kept.ids[keySlot("derived.valuePerKgRatio")]).toBeUndefined();
  });
});
