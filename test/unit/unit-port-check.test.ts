// A manifest sent to a unit whose port is not on its route is warned about (never refused, never silent).
import { describe, expect, test } from "vitest";
import { unitPortWarnings } from "../../core/manifests/unit-port-check.js";

const route = { portOfLoading: "ECGYE", transshipmentPorts: ["PAMIT"], portOfDischarge: "BEANR" };

describe("unitPortWarnings", () => {
  test("no warning when the unit's port is the port of discharge (an import)", () => {
    expect(unitPortWarnings(route, "BEANR")).toEqual([]);
  });

  test("no warning when the unit's port is the port of loading (an export)", () => {
    expect(unitPortWarnings(route, "ECGYE")).toEqual([]);
  });

  test("no warning when the unit's port is a transhipment port", () => {
    expect(unitPortWarnings(route, "PAMIT")).toEqual([]);
    expect(unitPortWarnings({ ...route, transshipmentPorts: ["COCTG", "PAMIT"] }, "pamit")).toEqual([]);
  });

  test("a port off the route is named, with the unit's port, on portOfDischarge", () => {
    expect(unitPortWarnings({ portOfLoading: "ECGYE", transshipmentPorts: [], portOfDischarge: "NLRTM" }, "BEANR")).toEqual([
      {
        path: "portOfDischarge",
        message: "NLRTM is not this unit's port (BEANR): neither discharge, loading nor a transhipment port; check the manifest was sent to the right unit",
      },
    ]);
  });

  test("a transhipment list without the unit's port still warns", () => {
    expect(unitPortWarnings({ ...route, portOfDischarge: "NLRTM" }, "COCTG")).toHaveLength(1);
  });
});
