import { describe, expect, test } from "vitest";
import { EMPTY_FILTERS, shipmentQuery } from "../../../web/src/query.js";

describe("queue filters → query string", () => {
  test("defaults ask for flagged containers only", () => {
    expect(shipmentQuery(EMPTY_FILTERS)).toBe("flagged=true&limit=50");
  });

  test("every filter maps to the API parameter", () => {
    const q = new URLSearchParams(
      shipmentQuery({ manifestId: "2b1f0b7e-0000-4000-8000-000000000001", band: "high", arrivalFrom: "2026-01-01", arrivalTo: "2026-01-31", search: " msku 123456 7 ", searchBy: "container", flaggedOnly: false }, "CURSOR", 25),
    );
    expect(Object.fromEntries(q)).toEqual({
      manifestId: "2b1f0b7e-0000-4000-8000-000000000001",
      band: "high",
      arrivalFrom: "2026-01-01",
      arrivalTo: "2026-01-31",
      containerNumber: "MSKU1234567",
      limit: "25",
      cursor: "CURSOR",
    });
    expect(new URLSearchParams(shipmentQuery({ ...EMPTY_FILTERS, search: "BL 1", searchBy: "bl" })).get("billOfLading")).toBe("BL 1");
    expect(new URLSearchParams(shipmentQuery({ ...EMPTY_FILTERS, search: "Frutas & Cía", searchBy: "party" })).get("party")).toBe("Frutas & Cía");
  });
});
