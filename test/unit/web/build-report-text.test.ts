// A profile build's report, explanation and strongest indicators, composed in
// the reader's language from the job result's data: the page showed the
// server's English sentences (ISO dates, dot decimals) under a Spanish page.
import { describe, expect, test } from "vitest";
import { buildExplanation, strongestText, type ExplainedReport, type WordingFacts } from "../../../web/src/build-report-text.js";
import { formatters } from "../../../web/src/format.js";
import { failureText } from "../../../web/src/job-failure-text.js";
import { translator } from "../../../web/src/i18n.js";
import { describeTraining, type HitWording } from "../../../profiling/builder/explain.js";
import type { LearnedModel } from "../../../profiling/builder/train-model.js";

const en = translator("en");
const es = translator("es");
const fmtEn = formatters("en", "UTC");
const fmtEs = formatters("es", "UTC");

const cocaine: WordingFacts = { records: "containers", finding: { kind: "commodity", commodity: "cocaine", sharePercent: null } };
const report: ExplainedReport = {
  history: { records: 12_480, hits: 37, from: "2025-01-02", to: "2025-12-30" },
  options: { halfLifeDays: 365, pointsPerLogOdds: 10, selectionWeights: { random: 3, intelligence: 0.5 } },
  currency: "EUR",
  wording: cocaine,
  tunedOn: { percent: 20, from: "2025-10-01" },
};

describe("buildExplanation", () => {
  test("in English it says what the server's paragraph says, dates and numbers in the reader's format", () => {
    const text = buildExplanation(en, fmtEn, report);
    expect(text).toBe(
      "Learned from 12,480 inspected containers (Jan 2, 2025 to Dec 30, 2025), 37 of which found cocaine (0.3%); older inspections count half every 365 days. " +
        "Inspections were chosen mostly by the old rules, so the history over-represents what they looked at: random selections, the one unbiased sample of all arrivals, count 3×; intelligence-led inspections, chosen on information the manifest does not carry, count 0.5×; the figures on random selections alone are reported apart. " +
        "The decay and the shrinkage were chosen on the most recent 20% of the inspections (from Oct 1, 2025), fitted on the older ones. " +
        "Amounts are compared in EUR, the currency of most declared values. " +
        "Each point is 1/10 of a unit of log-odds: an indicator worth +10 points multiplies the odds of cocaine seizures by about 2.7, all else equal. " +
        "Rarely seen values are pulled toward the overall rate, so a value seen once earns far fewer points than one seen often at the same rate, and no value seen fewer than three times gets points of its own.",
    );
  });

  test("in Spanish, with Spanish numbers, dates and plurals", () => {
    const text = buildExplanation(es, fmtEs, report).replace(/\u00a0/g, " ");
    expect(text).toContain("Aprendido de 12.480 contenedores inspeccionados (del 2 ene 2025 al 30 dic 2025): 37 hallaron cocaína (0,3 %)");
    expect(text).toContain("cuentan 0,5×");
    expect(text).toContain("el 20 % más reciente de las inspecciones (desde el 1 oct 2025)");
    expect(text).toContain("por unas 2,7");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|Learned|inspections/);
    const one = buildExplanation(es, fmtEs, { ...report, history: { records: 1, hits: 1, from: "2025-01-02", to: "2025-01-02" }, wording: { records: "declarations", finding: { kind: "fraud" } }, options: { ...report.options, halfLifeDays: 1, selectionWeights: {} }, tunedOn: null, currency: null }).replace(/\u00a0/g, " ");
    expect(one).toContain("Aprendido de 1 declaración inspeccionada (del 2 ene 2025 al 2 ene 2025): 1 halló fraude (100 %); las inspecciones más antiguas cuentan la mitad cada 1 día.");
    expect(one).toContain("Todas las inspecciones cuentan lo mismo: el historial no tiene selecciones aleatorias");
    expect(one).not.toContain("moneda");
  });

  test("the English composition matches the server's sentence for the same facts, but for the reader's formats", () => {
    const wording: HitWording = { found: "found cocaine", hits: "cocaine seizures", records: "inspected containers" };
    const model = { history: { records: 200, hits: 20, from: "2025-01-02", to: "2025-06-30" } } as unknown as LearnedModel;
    const server = describeTraining(model, { pointsPerLogOdds: 10, halfLifeDays: 180, l2: 2, wording, selection: "Every inspection counts the same: the history holds no random selection to correct how boxes were chosen.", tunedOn: undefined, currency: undefined });
    const page = buildExplanation(en, fmtEn, { history: model.history, options: { halfLifeDays: 180, pointsPerLogOdds: 10, selectionWeights: {} }, wording: cocaine, tunedOn: null });
    const isoDates = (s: string) => s.replace("2025-01-02", "Jan 2, 2025").replace("2025-06-30", "Jun 30, 2025").replace("10.0 %", "10%");
    expect(page).toBe(isoDates(server));
  });
});

describe("strongestText", () => {
  test("a table's value, a flag, a band and the rarely seen values, in both languages", () => {
    const fraud: WordingFacts = { records: "declarations", finding: { kind: "fraud" } };
    const port = { kind: "value", label: "Port of loading", value: "BRSSZ", count: 16, hits: 14, points: 18.2 } as const;
    expect(strongestText(en, fmtEn, fraud, port)).toBe("Port of loading BRSSZ: 14 of 16 past inspections found fraud → +18.2 points");
    expect(strongestText(es, fmtEs, fraud, port)).toBe("Puerto de carga BRSSZ: 14 de 16 inspecciones anteriores hallaron fraude → +18,2 puntos");
    const seal = { kind: "flag", label: "Seal missing or repeated", value: "true", count: 1, hits: 1, points: 1 } as const;
    expect(strongestText(es, fmtEs, cocaine, seal)).toBe("Precinto ausente o repetido: su única inspección anterior halló cocaína → +1 punto");
    const band = { kind: "band", label: "Value per kg against the median of its HS code 0.9 to under 0.95 x median", value: "", count: 40, hits: 0, points: -4.25 } as const;
    expect(strongestText(es, fmtEs, cocaine, band)).toMatch(/^.*0,9.*0,95.*: 0 de 40 inspecciones anteriores hallaron cocaína → -4,3 puntos$/);
    const other = { kind: "other", label: "Carrier", value: "(default)", count: 1, hits: 0, points: -2 } as const;
    expect(strongestText(es, fmtEs, cocaine, { ...other, minCount: 3 })).toBe("Transportista: cualquier valor visto menos de 3 veces: su única inspección anterior no halló nada → -2 puntos");
    expect(strongestText(en, fmtEn, cocaine, { ...other, minCount: 3 })).toBe("Carrier: any value seen fewer than 3 times: its one past inspection found nothing → -2 points");
  });
});

describe("failureText", () => {
  test("a failed build's code reads in the reader's language, its message otherwise", () => {
    const job = { error: "no inspected shipments between 2025-01-01 and 2025-03-31 (sources: manifests): record inspections of received manifests first", failure: { code: "build.noHistory", params: { from: "2025-01-01", to: "2025-03-31", sources: "manifests" } } };
    expect(failureText(es, fmtEs, job)).toBe("No hay envíos inspeccionados entre el 1 ene 2025 y el 31 mar 2025 (en los manifiestos propios de la unidad): antes registre inspecciones de los manifiestos recibidos.");
    expect(failureText(en, fmtEn, job)).toBe("No inspected shipments between Jan 1, 2025 and Mar 31, 2025 (from the unit's own manifests): record inspections of received manifests first.");
    expect(failureText(es, fmtEs, { error: "something else", failure: null })).toBe("something else");
    expect(failureText(es, fmtEs, { error: "x", failure: { code: "build.noHits", params: { records: 1, from: "2025-01-01", to: "2025-03-31" } } })).toBe("El único registro inspeccionado entre el 1 ene 2025 y el 31 mar 2025 no halló nada: no hay de qué aprender un perfil.");
    expect(failureText(es, fmtEs, { error: "x", failure: { code: "build.noHits", params: { records: 1200, from: "2025-01-01", to: "2025-03-31" } } })).toBe("Ninguno de los 1200 registros inspeccionados entre el 1 ene 2025 y el 31 mar 2025 halló nada: no hay de qué aprender un perfil.");
  });
});
