// What the back-test says beside its figures: the indicator chart's caption
// says it counts the indicators that matched a record, not the profile's (a
// back-test of BASELINE-SEA v1 read "of 4" for a profile of 10); a comparison
// offers first the baselines for the profile's transport modes; and a profile
// that scored nothing says so.
import { describe, expect, test } from "vitest";
import { translator } from "../../../web/src/i18n.js";
import { baselineGroups, indicatorCaption, unscoredText } from "../../../web/src/screens/backtest-text.js";

const en = translator("en");
const es = translator("es");
const plain = (n: number) => String(n);

describe("indicator chart caption", () => {
  test("counts the indicators that matched a record, and says how many of the profile's matched none", () => {
    expect(indicatorCaption(en, plain, { shown: 4, matched: 4, inProfile: 10 })).toBe(
      "The 4 indicators with the most points on hits, of the 4 that matched at least one record; the shares of all points on hits add up to 100%. " +
        "6 of the profile's 10 indicators matched no record and are not listed.",
    );
    expect(indicatorCaption(es, plain, { shown: 4, matched: 4, inProfile: 10 })).toBe(
      "Los 4 indicadores con más puntos en aciertos, de los 4 que coincidieron con al menos un registro; las partes de todos los puntos en aciertos suman 100 %. " +
        "6 de los 10 indicadores del perfil no coincidieron con ningún registro y no figuran.",
    );
    expect(indicatorCaption(en, plain, { shown: 15, matched: 20, inProfile: 21 })).toMatch(/of the 20 that matched .* 1 of the profile's 21 indicators matched no record and is not listed\.$/);
  });

  test("every indicator matched, or the profile's count unknown: no sentence about unmatched ones", () => {
    expect(indicatorCaption(en, plain, { shown: 3, matched: 3, inProfile: 3 })).not.toMatch(/no record/);
    expect(indicatorCaption(en, plain, { shown: 3, matched: 3, inProfile: null })).toMatch(/^The 3 indicators .* of the 3 that matched at least one record; .*100%\.$/);
  });
});

describe("baselines offered for a comparison", () => {
  const air = { code: "BASELINE-AIR", activeVersion: 1, transportModes: ["air"] };
  const sea = { code: "BASELINE-SEA", activeVersion: 1, transportModes: ["sea"] };
  const every = { code: "COC-ANY", activeVersion: 2, transportModes: null };
  const seaAndRoad = { code: "MIXED", activeVersion: 3, transportModes: ["road", "sea"] };

  test("a maritime profile is offered the sea and every-mode baselines first, the air one apart", () => {
    expect(baselineGroups([air, every, seaAndRoad, sea], ["sea"])).toEqual({ applying: [every, seaAndRoad, sea], others: [air] });
    // Only an air baseline active: it is offered, but not as one that applies.
    expect(baselineGroups([air], ["sea"])).toEqual({ applying: [], others: [air] });
  });

  test("a profile for every mode, or a list without modes, keeps every baseline as applying", () => {
    expect(baselineGroups([air, sea], null)).toEqual({ applying: [air, sea], others: [] });
    expect(baselineGroups([{ code: "OLD", activeVersion: 1 }], ["air"])).toEqual({ applying: [{ code: "OLD", activeVersion: 1 }], others: [] });
  });
});

describe("a profile that scored nothing", () => {
  test("out of the history's transport modes, in none of them, or scored: said, said, silent", () => {
    expect(unscoredText(en, { noRecordScored: true, scopeTransportModes: ["air"] }, ["sea"])).toBe(
      "This profile scored none of these records: its scope (Air) does not match the unit's history (Sea). The figures below say nothing about it.",
    );
    expect(unscoredText(en, { noRecordScored: true, scopeTransportModes: null }, ["sea"])).toBe(en("backtest.noRecordScored"));
    expect(unscoredText(es, { noRecordScored: true, scopeTransportModes: ["sea"] }, ["sea"])).toBe(es("backtest.noRecordScored"));
    expect(unscoredText(en, { noRecordScored: false, scopeTransportModes: ["air"] }, ["sea"])).toBeNull();
  });
});
