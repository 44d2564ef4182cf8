// An indicator's condition as a sentence in the reader's language, for every
// operator of the profile language (profiling/dsl/profile-types.ts), in
// English and Spanish: fields by their names, countries by name, lists with
// the language's "or"/"and", counts with its plural rules; and a condition
// the wording does not know read by its parts, never as JSON.
import { describe, expect, test } from "vitest";
import { conditionLine, conditionText } from "../../../web/src/condition-text.js";
import { formatters } from "../../../web/src/format.js";
import { translator, type Language } from "../../../web/src/i18n.js";
import type { Condition, ConditionOp } from "../../../profiling/dsl/profile-types.js";

const wording = (language: Language) => ({ t: translator(language), fmt: formatters(language, "UTC"), language });
const en = wording("en");
const es = wording("es");

/** Each condition with its English and Spanish sentence. */
const CASES: [Condition, string, string][] = [
  [{ op: "eq", field: "freightTerms", value: "collect" }, "Freight terms is collect", "Condiciones de flete es por cobrar"],
  [{ op: "eq", field: "derived.isReefer", value: true }, "Reefer container: yes", "Contenedor refrigerado: sí"],
  [{ op: "neq", field: "consignee.name", value: "Acme Ltd" }, "Consignee name is not “Acme Ltd”", "Nombre del consignatario no es «Acme Ltd»"],
  [{ op: "neq", field: "transportMode", value: "air" }, "Transport mode is not air", "Modo de transporte no es aéreo"],
  [{ op: "in", field: "countryOfOrigin", values: ["CO", "PE"] }, "Country of origin is Colombia (CO) or Peru (PE)", "País de origen es Colombia (CO) o Perú (PE)"],
  [{ op: "in", field: "hsCodes", values: ["0803", "0804", "0805", "0806", "0807", "0808", "0809"] }, "HS codes include 0803, 0804, 0805, 0806, or 3 others", "Códigos SA incluyen 0803, 0804, 0805, 0806 u otros 3"],
  [{ op: "notIn", field: "notify.country", values: ["BE", "NL", "DE"] }, "Notify party country is none of Belgium (BE), Netherlands (NL), and Germany (DE)", "País de la parte a notificar no es ninguno de Bélgica (BE), Países Bajos (NL) y Alemania (DE)"],
  [{ op: "notIn", field: "sealNumbers", values: ["000000"] }, "Seal numbers do not include 000000", "Números de precinto no incluyen 000000"],
  [{ op: "gt", field: "declaredValue", value: 1000.5 }, "Declared value above 1,000.5", "Valor declarado mayor que 1000,5"],
  [{ op: "gte", field: "derived.transshipmentCount", value: 2 }, "Number of transhipments at least 2", "Número de transbordos mayor o igual que 2"],
  [{ op: "lt", field: "derived.hoursAmendedBeforeArrival", value: 24 }, "Hours amended before arrival below 24", "Horas de modificación antes de la llegada menor que 24"],
  [{ op: "lte", field: "arrivalDate", value: "2026-03-01" }, "Arrival date on or before Mar 1, 2026", "Fecha de llegada igual o anterior a 1 mar 2026"],
  [{ op: "between", field: "grossWeightKg", min: 100, max: 20000 }, "Gross weight (kg) between 100 and 20,000", "Peso bruto (kg) entre 100 y 20.000"],
  [{ op: "between", field: "grossWeightKg", max: 20000 }, "Gross weight (kg) at most 20,000", "Peso bruto (kg) menor o igual que 20.000"],
  [{ op: "exists", field: "stuffingLocation" }, "Stuffing location is given", "Lugar de llenado: presente"],
  [{ op: "missing", field: "consignee.id" }, "Consignee identifier is missing", "Identificador del consignatario: ausente"],
  [{ op: "hsPrefix", prefixes: ["2401", "2402"] }, "HS code starts with 2401 or 2402", "Código SA empieza por 2401 o 2402"],
  [{ op: "contains", field: "goodsDescription", values: ["said to contain", "STC"] }, "Goods description contains “said to contain” or “STC”", "Descripción de la mercancía contiene «said to contain» o «STC»"],
  [{ op: "matches", field: "attributes.note", pattern: "^RIP", flags: "i" }, "Attribute note matches the pattern “^RIP” (ignoring case)", "Atributo note se ajusta al patrón «^RIP» (sin distinguir mayúsculas)"],
  [{ op: "inList", field: "consignee.name", list: "WATCH-CONSIGNEES" }, "Consignee name on the watchlist WATCH-CONSIGNEES", "Nombre del consignatario en la lista de vigilancia WATCH-CONSIGNEES"],
  [{ op: "routeVia", ports: ["ECGYE", "COCTG"], countries: ["PA", "EC"], legs: "loading" }, "Loaded in ECGYE, COCTG, or a port of Panama (PA) or Ecuador (EC)", "Cargado en ECGYE, COCTG o un puerto de Panamá (PA) o Ecuador (EC)"],
  [{ op: "routeVia", ports: ["ECGYE"] }, "Loaded or transshipped in ECGYE", "Cargado o transbordado en ECGYE"],
  [{ op: "routeVia", countries: ["CO"], legs: "transshipment" }, "Transshipped in a port of Colombia (CO)", "Transbordado en un puerto de Colombia (CO)"],
  [{ op: "partyNew", role: "consignee", days: 30 }, "Consignee first seen within the last 30 days", "Consignatario visto por primera vez en los últimos 30 días"],
  [{ op: "partyNew", role: "any", days: 1 }, "A party first seen within the last day", "Una parte vista por primera vez en el último día"],
  [{ op: "partyNew", role: "notify", days: 0 }, "Notify party first seen on the shipment's date", "Parte a notificar vista por primera vez en la fecha del envío"],
  [{ op: "partySeizureLinked", role: "shipper", degree: 2 }, "Shipper of a past seizure, or that shared a shipment with one of its parties", "Embarcador de una incautación anterior, o que compartió un envío con una de sus partes"],
  [{ op: "partySeizureLinked", role: "any" }, "A party of a past seizure", "Una parte de una incautación anterior"],
  [{ op: "partyIsForwarder" }, "Forwarder named as consignee", "Transitario declarado como consignatario"],
  [{ op: "valueAnomaly", below: 0.4 }, "Declared value per kg below 40% of the unit's median for its HS code and origin", "Valor declarado por kg inferior al 40\u00a0% de la mediana de la unidad para su código SA y origen"],
  [{ op: "valueAnomaly", below: 0.3, above: 3 }, "Declared value per kg below 30% or above 300% of the unit's median for its HS code and origin", "Valor declarado por kg inferior al 30\u00a0% o superior al 300\u00a0% de la mediana de la unidad para su código SA y origen"],
  [{ op: "weightImplausible", minKgPerPackage: 5, maxKgPerPackage: 40 }, "Gross weight implausible for the container, or outside 5–40 kg per package", "Peso bruto inverosímil para el contenedor, o fuera de 5–40 kg por bulto"],
  [{ op: "weightImplausible", maxKgPerPackage: 1200 }, "Gross weight implausible for the container, or over 1,200 kg per package", "Peso bruto inverosímil para el contenedor, o más de 1200 kg por bulto"],
  [{ op: "weightImplausible" }, "Gross weight implausible for the container", "Peso bruto inverosímil para el contenedor"],
  [{ op: "genericDescription" }, "Generic or vague goods description", "Descripción de la mercancía genérica o vaga"],
  [{ op: "sealIssue" }, "Seal missing or repeated on a full container", "Precinto ausente o repetido en un contenedor lleno"],
  [{ op: "fieldCompare", field: "attributes.freightCost", cmp: "gt", other: "declaredValue", factor: 1.5 }, "Attribute freightCost above 1.5 × declared value", "Atributo freightCost mayor que 1,5 × valor declarado"],
  [{ op: "fieldCompare", field: "manifestAmendedAt", cmp: "gt", other: "arrivalDate" }, "Manifest amended after arrival date", "Modificación del manifiesto posterior a fecha de llegada"],
  [
    { op: "all", of: [{ op: "hsPrefix", prefixes: ["0803"] }, { op: "any", of: [{ op: "eq", field: "derived.isReefer", value: true }, { op: "sealIssue" }] }] },
    "HS code starts with 0803 and (reefer container: yes or seal missing or repeated on a full container)",
    "Código SA empieza por 0803 y (contenedor refrigerado: sí o precinto ausente o repetido en un contenedor lleno)",
  ],
  [
    { op: "any", of: [{ op: "eq", field: "freightTerms", value: "collect" }, { op: "partyNew", role: "consignee", days: 90 }] },
    "Freight terms is collect or consignee first seen within the last 90 days",
    "Condiciones de flete es por cobrar o consignatario visto por primera vez en los últimos 90 días",
  ],
  [{ op: "not", of: { op: "inList", field: "consignee.name", list: "TRUSTED" } }, "Not (consignee name on the watchlist TRUSTED)", "No (nombre del consignatario en la lista de vigilancia TRUSTED)"],
];

describe("a condition as a sentence", () => {
  test.each(CASES)("%j", (condition, english, spanish) => {
    expect(conditionText(en, condition)).toBe(english);
    expect(conditionText(es, condition)).toBe(spanish);
  });

  test("every operator of the profile language is worded, in both languages, without its code or JSON", () => {
    const ops: Record<ConditionOp, true> = {
      eq: true, neq: true, in: true, notIn: true, gt: true, gte: true, lt: true, lte: true, between: true, exists: true, missing: true,
      hsPrefix: true, contains: true, matches: true, inList: true, routeVia: true, partyNew: true, partySeizureLinked: true,
      partyIsForwarder: true, valueAnomaly: true, weightImplausible: true, genericDescription: true, sealIssue: true, fieldCompare: true,
      all: true, any: true, not: true,
    };
    expect(new Set(CASES.map(([c]) => c.op))).toEqual(new Set(Object.keys(ops)));
    for (const [condition] of CASES) {
      for (const w of [en, es]) {
        const text = conditionText(w, condition);
        expect(text, text).not.toMatch(/[{}[\]]|\bop\b|\b(field|values?|prefixes)\b\s*:/);
        // Operator codes never show (those that are plain words, "between" or "contains", may).
        if (/[A-Z]/.test(condition.op) || ["eq", "neq", "gt", "gte", "lt", "lte"].includes(condition.op)) expect(text, text).not.toMatch(new RegExp(`\\b${condition.op}\\b`));
      }
    }
  });

  test("a count follows each language's plural rules", () => {
    const list = (n: number) => ({ op: "in", field: "countryOfOrigin", values: ["EC", "CO", "PE", "BR", "PA", "VE", "GY", "SR"].slice(0, n) });
    expect(conditionText(en, list(6))).toBe("Country of origin is Ecuador (EC), Colombia (CO), Peru (PE), Brazil (BR), or 2 others");
    expect(conditionText(es, list(5))).toBe("País de origen es Ecuador (EC), Colombia (CO), Perú (PE), Brasil (BR) o Panamá (PA)");
    expect(conditionText(es, list(6))).toBe("País de origen es Ecuador (EC), Colombia (CO), Perú (PE), Brasil (BR) u otros 2");
    expect(conditionText(en, { op: "notIn", field: "countryOfOrigin", values: ["EC"] })).toBe("Country of origin is not Ecuador (EC)");
    expect(conditionText(es, { op: "notIn", field: "countryOfOrigin", values: ["EC", "CO"] })).toBe("País de origen no es ninguno de Ecuador (EC) y Colombia (CO)");
  });

  test("a condition the wording does not know, or one half typed, is read by its parts, never as JSON", () => {
    expect(conditionText(en, { op: "frobnicate", field: "declaredValue", level: 3 })).toBe("Condition “frobnicate” (field: declared value; level: 3)");
    expect(conditionText(es, { op: "frobnicate", field: "declaredValue", level: 3 })).toBe("Condición «frobnicate» (campo: valor declarado; level: 3)");
    // The form's fields before the value is typed.
    expect(conditionText(en, { op: "eq", field: "declaredValue", value: "" })).toBe("Condition eq — equals (field: declared value; value: —)");
    expect(conditionText(es, { op: "partyNew", role: "consignee" })).toBe("Condición partyNew — parte vista por primera vez hace poco (parte: consignee)");
    expect(conditionText(en, { field: "hsCodes" })).toBe("Condition without an operator (field: HS codes)");
    // Inside a known one, only the unknown part falls back.
    expect(conditionText(en, { op: "all", of: [{ op: "sealIssue" }, { op: "later", ports: ["ECGYE", "PAMIT"] }] })).toBe("Seal missing or repeated on a full container and condition “later” (ports (UN/LOCODE): ECGYE and PAMIT)");
    expect(conditionText(en, "{ \"op\": ")).toBe("Condition not readable: its JSON is not valid yet");
    expect(conditionText(es, 42)).toBe("No es una condición: se espera un objeto con «op»");
  });

  test("a one-line summary is cut with an ellipsis; a document nested deeper than the language allows is elided", () => {
    const long = conditionLine(en, { op: "any", of: Array.from({ length: 20 }, (_, i) => ({ op: "hsPrefix", prefixes: [String(1000 + i)] })) }, 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith("…")).toBe(true);
    let deep: unknown = { op: "sealIssue" };
    for (let i = 0; i < 5000; i++) deep = { op: "not", of: deep };
    expect(conditionText(en, deep)).toMatch(/^Not \(not \(.*…\)+$/);
  });
});
