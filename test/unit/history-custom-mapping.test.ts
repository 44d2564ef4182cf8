// A custom column mapping onto the contract's fields: attribute targets,
// lists in one column, attribute values typed only when clearly a number or
// a boolean, the outcome's new words, and errors naming the column.
import { describe, expect, test } from "vitest";
import { AppError } from "../../core/errors.js";
import { customMapper } from "../../core/history/custom-mapping.js";
import { parseColumnMapping } from "../../core/history/custom-mapping-targets.js";

const mappingErrors = (raw: unknown) => {
  try {
    parseColumnMapping(raw);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).details.errors ?? [];
  }
};

const base = { externalRef: "ref", date: "day", outcome: "result" };

describe("the mapping", () => {
  test("attributes.<name> takes the manifest contract's attribute names; a bad one is named", () => {
    expect(parseColumnMapping({ ...base, "attributes.sealChangedAfterLoading": "seal_changed" })).toEqual({ ...base, "attributes.sealChangedAfterLoading": "seal_changed" });
    expect(mappingErrors({ ...base, "attributes.1st": "a", "attributes.prototype": "b", "attributes.ok": "" })).toEqual([
      { path: "mapping.attributes.1st", message: "attribute names are 1-64 letters, digits, _ . - starting with a letter" },
      { path: "mapping.attributes.prototype", message: "reserved name" },
      { path: "mapping.attributes.ok", message: "must name a source column" },
    ]);
    expect(mappingErrors({ ...base, attribute: "x" })[0]).toMatchObject({ path: "mapping.attribute", message: expect.stringMatching(/^unknown target field; targets are externalRef, date, outcome/) });
  });
});

describe("one record", () => {
  const mapper = customMapper(parseColumnMapping({
    ...base, commodity: "drug", selectedBy: "why", quantity: "qty", quantityUnit: "unit", sealNumbers: "seals", transshipmentPorts: "via", hsCodes: "hs",
    consigneeCountry: "cc", containerType: "iso", "attributes.flag": "flag", "attributes.code": "code", "attributes.temp": "temp",
  }));
  const row = (values: Record<string, string>) => mapper.map({ ref: "R-1", day: "2025-03-17", result: "1", ...values });

  test("lists split on ; | or ,; attributes typed only when clearly a number or a boolean", () => {
    const mapped = row({ seals: "ML-1; ML-2|ML-3", via: "pamit, esalg", hs: "0803.90;080310", flag: "TRUE", code: "00123", temp: "-0.5", cc: "be", iso: "45r1" });
    expect(mapped).toMatchObject({
      ok: true,
      row: {
        outcome: "irregularity",
        shipment: { sealNumbers: ["ML-1", "ML-2", "ML-3"], transshipmentPorts: ["PAMIT", "ESALG"], hsCodes: ["080390", "080310"], consignee: { country: "BE" }, containerType: "45R1",
          attributes: { flag: true, code: "00123", temp: -0.5 } },
      },
    });
  });

  test("a hit with a commodity is a seizure; officer and self mean the same; not_inspected has no outcome", () => {
    expect(row({ drug: "Cocaine", why: "self", qty: "12.5", unit: "kg" })).toMatchObject({ ok: true, row: { outcome: "seizure", commodity: "cocaine", selectedBy: "officer", quantity: { value: 12.5, unit: "kg" } } });
    expect(row({ result: "not_inspected" })).toMatchObject({ ok: true, row: { outcome: null } });
    expect(row({ result: "not_inspected", drug: "heroin" })).toEqual({ ok: false, reasons: ["result: not inspected, yet a commodity or quantity is given"] });
  });

  test("errors name the column; text PostgreSQL cannot store is refused, not stored", () => {
    expect(row({ via: "PAMIT;XX123", cc: "XX", qty: "3" })).toEqual({
      ok: false,
      reasons: ["qty: needs a quantityUnit column", 'via: XX is not an ISO 3166 country code ("XX123")', 'cc: not an ISO 3166 alpha-2 country code ("XX")'],
    });
    expect(row({ flag: "a\u0000b" })).toEqual({ ok: false, reasons: ["flag: contains a NUL character (\\u0000)"] });
    expect(row({ day: "0000-01-01" })).toEqual({ ok: false, reasons: ['day: not an ISO date YYYY-MM-DD ("0000-01-01")'] });
  });
});
