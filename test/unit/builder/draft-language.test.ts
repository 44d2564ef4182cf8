// The learned draft's name and rationale in the analyst's language (en, es):
// the Spanish paragraph says what the English one says, with Spanish number
// formats, and English stays the report's summary word for word.
import { describe, expect, test } from "vitest";
import { buildProfile } from "../../../profiling/builder/build-profile.js";
import { draftName, rationaleEs } from "../../../profiling/builder/draft-wording.js";
import { syntheticHistory } from "./synthetic-history.js";

describe("draft name", () => {
  test("after what the hits found and the history's period, in either language", () => {
    const cocaine = { kind: "commodity", commodity: "cocaine", sharePercent: null } as const;
    expect(draftName("en", "cocaine seizures", cocaine, "2025-01-01", "2025-10-31")).toBe("Learned from cocaine seizures, 2025-01-01 to 2025-10-31");
    expect(draftName("es", "cocaine seizures", cocaine, "2025-01-01", "2025-10-31")).toBe("Aprendido de incautaciones de cocaína, del 2025-01-01 al 2025-10-31");
    expect(draftName("es", "seizures", { kind: "commodity", commodity: "wildlife_environment", sharePercent: 70 }, "2025-01-01", "2025-10-31")).toBe(
      "Aprendido de incautaciones, del 2025-01-01 al 2025-10-31",
    );
    expect(draftName("es", "findings of fraud", { kind: "fraud" }, "2025-01-01", "2025-10-31")).toBe("Aprendido de hallazgos de fraude, del 2025-01-01 al 2025-10-31");
  });
});

describe("Spanish rationale", () => {
  test("every sentence of the English one, numbers as a Spanish reader writes them", () => {
    const text = rationaleEs({
      records: 1234,
      hits: 37,
      from: "2025-01-01",
      to: "2025-10-31",
      wording: { records: "containers", finding: { kind: "commodity", commodity: "cocaine", sharePercent: 80 } },
      halfLifeDays: 182.5,
      pointsPerLogOdds: 10,
      selectionWeights: { random: 3, intelligence: 0.5, rules: 1 },
      tunedOn: { percent: 20, from: "2025-09-01" },
      currency: "USD",
    });
    expect(text).toBe(
      "Aprendido de 1234 contenedores inspeccionados (del 2025-01-01 al 2025-10-31): 37 hallaron cocaína (3,0 %); " +
        "las inspecciones más antiguas cuentan la mitad cada 182,5 días. " +
        "Las inspecciones se eligieron sobre todo con las reglas anteriores, así que el historial sobrerrepresenta lo que ellas miraban: " +
        "las selecciones aleatorias, la única muestra sin sesgo de todas las llegadas, cuentan 3×; " +
        "las inspecciones por inteligencia, elegidas con información que el manifiesto no lleva, cuentan 0,5×; las cifras de las selecciones aleatorias solas se dan aparte. " +
        "El decaimiento y la contracción se eligieron con el 20 % más reciente de las inspecciones (desde el 2025-09-01), ajustando con las anteriores. " +
        "Los importes se comparan en USD, la moneda de la mayoría de los valores declarados. " +
        "Cada punto es 1/10 de una unidad de log-odds: un indicador que vale +10 puntos multiplica las probabilidades de incautación (80 % de cocaína) por unas 2,7, a igualdad de lo demás. " +
        "Los valores poco vistos se acercan a la tasa general, así que un valor visto una vez gana muchos menos puntos que uno visto a menudo con la misma tasa, y ningún valor visto menos de tres veces recibe puntos propios.",
    );
  });

  test("one record, one hit, no decay, no random sample", () => {
    const text = rationaleEs({
      records: 1, hits: 1, from: "2025-01-01", to: "2025-01-01", wording: { records: "airWaybills", finding: { kind: "seizure" } },
      halfLifeDays: Infinity, pointsPerLogOdds: 10, selectionWeights: {}, tunedOn: null, currency: undefined,
    });
    expect(text.startsWith("Aprendido de 1 conocimiento aéreo inspeccionado (del 2025-01-01 al 2025-01-01): 1 dio lugar a una incautación (100,0 %); todas las inspecciones cuentan lo mismo. Todas las inspecciones cuentan lo mismo: el historial no tiene selecciones aleatorias")).toBe(true);
    expect(text).not.toContain("importes");
    expect(text).not.toContain("decaimiento");
  });
});

describe("buildProfile's language option", () => {
  const history = syntheticHistory(1200, 0.15, [{ plant: { importer: "QLRUBN9" }, count: 60, rate: 0.9 }]);

  test("en (the default) keeps the English name and the summary as rationale; es writes both in Spanish, the summary unchanged", () => {
    const en = buildProfile(history, { halfLifeDays: Infinity, l2: 1 });
    const es = buildProfile(history, { halfLifeDays: Infinity, l2: 1, language: "es" });
    expect(en.profile.name).toMatch(/^Learned from .+, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
    expect(en.profile.rationale).toBe(en.report.summary);
    expect(buildProfile(history, { halfLifeDays: Infinity, l2: 1, language: "en" }).profile).toEqual(en.profile);
    expect(es.profile.name).toMatch(/^Aprendido de .+, del \d{4}-\d{2}-\d{2} al \d{4}-\d{2}-\d{2}$/);
    expect(es.profile.rationale).toMatch(/^Aprendido de \d+ \S+ inspeccionad[oa]s \(del /);
    expect(es.report.summary).toBe(en.report.summary);
    // Only the words differ: the indicators, points and thresholds are the same profile.
    expect({ ...es.profile, name: "", rationale: "" }).toEqual({ ...en.profile, name: "", rationale: "" });
  });
});
