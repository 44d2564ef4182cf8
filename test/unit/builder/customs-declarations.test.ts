import { describe, expect, test } from "vitest";
import {
  mapDeclarationRow,
  mapLabelledDeclarationRow,
  missingColumns,
} from "../../../profiling/history/customs-declarations.js";

// The first row of shared/data/customs-declarations/train.csv.
const GOOD: Record<string, string> = {
  "Declaration ID": "97061800",
  Date: "2020-01-01",
  "Office ID": "30",
  "Process Type": "B",
  "Import Type": "11",
  "Import Use": "21",
  "Payment Type": "11",
  "Mode of Transport": "10",
  "Declarant ID": "ZZR1LT6",
  "Importer ID": "QLRUBN9",
  "Seller ID": "0VKY2BR",
  "Courier ID": "",
  "HS6 Code": "440890",
  "Country of Departure": "BE",
  "Country of Origin": "BE",
  "Tax Rate": "0.0",
  "Tax Type": "FEU1",
  "Country of Origin Indicator": "G",
  "Net Mass": "108.0",
  "Item Price": "372254.4",
  Fraud: "1",
  "Critical Fraud": "2",
};

function reasonsFor(patch: Partial<Record<string, string>>): string[] {
  const res = mapLabelledDeclarationRow({ ...GOOD, ...patch });
  if (res.ok) throw new Error("expected the row to be rejected");
  return res.reasons;
}

describe("mapping a customs declaration row", () => {
  test("a good row becomes a shipment, its outcome and its date", () => {
    const res = mapLabelledDeclarationRow(GOOD);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const { shipment, label, date, externalRef } = res.value;
    expect(externalRef).toBe("97061800");
    expect(date).toBe("2020-01-01");
    expect(label).toEqual({ hit: true, critical: true });
    expect(shipment.id).toBe("97061800");
    expect(shipment.transportMode).toBe("sea");
    expect(shipment.consignee).toEqual({ id: "QLRUBN9" });
    expect(shipment.declarant).toEqual({ id: "ZZR1LT6" });
    expect(shipment.shipper).toEqual({ id: "0VKY2BR" });
    // An empty courier column means no courier, not a courier with an empty id.
    expect(shipment.forwarder).toBeUndefined();
    expect(shipment.hsCodes).toEqual(["440890"]);
    expect(shipment.countryOfOrigin).toBe("BE");
    expect(shipment.countryOfDeparture).toBe("BE");
    expect(shipment.netWeightKg).toBe(108);
    expect(shipment.declaredValue).toBe(372254.4);
    expect(shipment.currency).toBe("KRW");
    expect(shipment.attributes).toMatchObject({
      officeId: "30",
      processType: "B",
      importType: "11",
      importUse: "21",
      paymentType: "11",
      transportCode: "10",
      taxRate: 0,
      taxType: "FEU1",
      originIndicator: "G",
    });
  });

  test("fraud without critical fraud, and transport codes", () => {
    const res = mapLabelledDeclarationRow({ ...GOOD, Fraud: "1", "Critical Fraud": "1", "Mode of Transport": "50", "Courier ID": "MWIDNS" });
    expect(res.ok && res.value.label).toEqual({ hit: true, critical: false });
    // Post travels by air; the source code stays available to profiles.
    expect(res.ok && res.value.shipment.transportMode).toBe("air");
    expect(res.ok && res.value.shipment.attributes.transportCode).toBe("50");
    expect(res.ok && res.value.shipment.forwarder).toEqual({ id: "MWIDNS" });
    const modes = ["40", "30", "90", "20"].map((m) => {
      const r = mapDeclarationRow({ ...GOOD, "Mode of Transport": m });
      return r.ok ? r.value.shipment.transportMode : "rejected";
    });
    expect(modes).toEqual(["air", "rail", "road", "road"]);
  });

  test("a row to score needs no outcome columns", () => {
    const { Fraud: _f, "Critical Fraud": _c, ...unlabelled } = GOOD;
    const res = mapDeclarationRow(unlabelled);
    expect(res.ok).toBe(true);
    expect(res.ok && "label" in res.value).toBe(false);
    expect(mapLabelledDeclarationRow(unlabelled)).toEqual({ ok: false, reasons: ["Fraud: missing", "Critical Fraud: missing"] });
  });

  test.each([
    [{ Date: "2020-13-01" }, "Date: not a calendar date (2020-13-01)"],
    [{ Date: "2020-02-30" }, "Date: not a calendar date (2020-02-30)"],
    [{ Date: "01/02/2020" }, 'Date: not an ISO date YYYY-MM-DD ("01/02/2020")'],
    [{ Date: "" }, "Date: missing"],
    [{ "Net Mass": "12kg" }, 'Net Mass: not a number ("12kg")'],
    [{ "Net Mass": "" }, "Net Mass: missing"],
    [{ "Net Mass": "-3" }, "Net Mass: below 0 (-3)"],
    [{ "Item Price": "abc" }, 'Item Price: not a number ("abc")'],
    [{ "Tax Rate": "n/a" }, 'Tax Rate: not a number ("n/a")'],
    [{ "Importer ID": "" }, "Importer ID: missing"],
    [{ "Declarant ID": "" }, "Declarant ID: missing"],
    [{ "Declaration ID": "" }, "Declaration ID: missing"],
    [{ "HS6 Code": "4408" }, 'HS6 Code: not a 6-digit HS code ("4408")'],
    [{ "Country of Origin": "Belgium" }, 'Country of Origin: not an ISO 3166 alpha-2 code ("Belgium")'],
    [{ "Seller ID": "has space" }, 'Seller ID: not a party id ("has space")'],
    [{ Fraud: "yes" }, 'Fraud: not 0 or 1 ("yes")'],
    [{ Fraud: "0", "Critical Fraud": "2" }, "Critical Fraud: 2 contradicts Fraud 0"],
  ])("rejects %j with a reason naming the column", (patch, reason) => {
    expect(reasonsFor(patch)).toEqual([reason]);
  });

  test("reports every problem of a row at once", () => {
    const reasons = reasonsFor({ Date: "x", "Net Mass": "y", "Importer ID": "" });
    expect([...reasons].sort()).toEqual(['Date: not an ISO date YYYY-MM-DD ("x")', "Importer ID: missing", 'Net Mass: not a number ("y")']);
  });

  test("names the columns a header lacks", () => {
    const header = Object.keys(GOOD).filter((c) => c !== "Net Mass" && c !== "Fraud");
    expect(missingColumns(header, false)).toEqual(["Net Mass"]);
    expect(missingColumns(header, true)).toEqual(["Net Mass", "Fraud"]);
    expect(missingColumns(Object.keys(GOOD), true)).toEqual([]);
  });
});
