// Valid manifests for tests, in the public shape of
// shared/design/manifest.example.json, with deterministic variety.
import { containerCheckDigit } from "../../profiling/features/iso6346.js";

export function containerNumber(owner: string, serial: number): string {
  const first10 = `${owner}U${String(serial).padStart(6, "0")}`;
  return `${first10}${containerCheckDigit(first10)}`;
}

const GOODS = [
  { hs: "080390", description: "FRESH BANANAS CAVENDISH", type: "45R1", kgPerPackage: 19, valuePerKg: 0.7 },
  { hs: "030617", description: "FROZEN SHRIMP", type: "45R1", kgPerPackage: 22, valuePerKg: 6.5 },
  { hs: "180100", description: "COCOA BEANS IN BAGS", type: "22G1", kgPerPackage: 62, valuePerKg: 2.3 },
  { hs: "440799", description: "SAWN TIMBER TEAK", type: "42G1", kgPerPackage: 45, valuePerKg: 1.9 },
] as const;

export interface ShipmentOverrides {
  [field: string]: unknown;
}

export function buildShipment(index: number, overrides: ShipmentOverrides = {}): Record<string, unknown> {
  const goods = GOODS[index % GOODS.length]!;
  const packages = 400 + ((index * 37) % 600);
  const gross = Math.round(packages * goods.kgPerPackage);
  return {
    billOfLading: `MEDUEC${String(20000000 + index)}`,
    containerNumber: containerNumber(["MSCU", "CMAU", "ONEU", "MEDU"][index % 4]!.slice(0, 3), 100000 + index),
    containerType: goods.type,
    sealNumbers: [`S${String(9000000 + index)}`],
    shipper: { name: `EXPORTADORA ANDINA ${index % 25} S.A.`, address: "Av. 9 de Octubre 100, Guayaquil", country: "EC" },
    consignee: { name: `TRADE IMPORT ${index % 40} BV`, address: "Havenstraat 1, Antwerpen", country: "BE" },
    hsCodes: [goods.hs],
    goodsDescription: goods.description,
    packages,
    packageType: "CT",
    grossWeightKg: gross,
    declaredValue: { amount: Math.round(gross * goods.valuePerKg * 100) / 100, currency: "USD" },
    countryOfOrigin: "EC",
    freightTerms: "prepaid",
    ...overrides,
  };
}

export function buildManifest(shipmentCount: number, overrides: Record<string, unknown> = {}): Record<string, unknown> & { shipments: Record<string, unknown>[] } {
  return {
    manifestRef: `MSCU-TEST-${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    carrier: { scac: "MSCU", name: "Mediterranean Shipping Co" },
    vessel: { imo: "9074729", name: "MSC AURORA", voyage: "B1N" },
    portOfLoading: "ECGYE",
    transshipmentPorts: ["PAMIT"],
    portOfDischarge: "BEANR",
    departureDate: "2026-11-20",
    arrivalDate: "2026-12-08",
    manifestFiledAt: "2026-11-19T14:05:00Z",
    shipments: Array.from({ length: shipmentCount }, (_, index) => buildShipment(index)),
    ...overrides,
  };
}
