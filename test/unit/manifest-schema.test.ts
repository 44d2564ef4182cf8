// The manifest schema on its own (no HTTP, no database): identifiers are
// trimmed, upper-cased and checked in place, and a value that is empty or too
// long is reported once, not also as a malformed identifier.
import { describe, expect, test } from "vitest";
import { manifestSchema } from "../../core/manifests/manifest-schema.js";
import { buildManifest } from "../helpers/manifest-builder.js";

const schema = manifestSchema(100);

function errorsOf(input: unknown): { path: string; message: string }[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

describe("manifest schema", () => {
  test("identifiers are trimmed and upper-cased before they are checked", () => {
    const manifest = buildManifest(1);
    const parsed = schema.parse({ ...manifest, portOfLoading: "  ecgye ", shipments: [{ ...manifest.shipments[0], countryOfOrigin: "ec", containerType: " 45r1" }] });
    expect(parsed.portOfLoading).toBe("ECGYE");
    expect(parsed.shipments[0]!.countryOfOrigin).toBe("EC");
    expect(parsed.shipments[0]!.containerType).toBe("45R1");
  });

  test.each([
    ["blank", "   ", "must not be empty"],
    ["too long", "ECGYEX", "at most 5 characters"],
  ])("a %s UN/LOCODE gets one error, not also an identifier complaint", (_name, value, message) => {
    const errors = errorsOf({ ...buildManifest(1), portOfLoading: value }).filter((e) => e.path === "portOfLoading");
    expect(errors).toEqual([{ path: "portOfLoading", message }]);
  });

  test("a well-formed but unknown UN/LOCODE names the reason", () => {
    const errors = errorsOf({ ...buildManifest(1), portOfLoading: "XXGYE" }).filter((e) => e.path === "portOfLoading");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).not.toBe("must not be empty");
  });

  test("container numbers lose spaces and dashes; attributes come out sorted by name", () => {
    const manifest = buildManifest(1);
    const shipment = manifest.shipments[0] as Record<string, unknown>;
    const parsed = schema.parse({ ...manifest, shipments: [{ ...shipment, containerNumber: String(shipment.containerNumber).toLowerCase().replace(/^(.{4})/, "$1 ").replace(/(.)$/, "-$1"), attributes: { zeta: 1, alpha: "a", mid: true } }] });
    expect(parsed.shipments[0]!.containerNumber).toBe(String(shipment.containerNumber));
    expect(Object.keys(parsed.shipments[0]!.attributes)).toEqual(["alpha", "mid", "zeta"]);
  });
});
