// Seeded generator of realistic manifest lines and a unit's scoring context,
// shared by the scoring benchmarks so every run scores the same shipments.
import { normalizePartyName } from "../profiling/features/normalize.js";
import type { PartyInput, ScoringContext, ShipmentInput } from "../profiling/shipment.js";
import { seededRandom as fixtureRandom } from "../fixtures/seeded-random.js";

/** The fixtures' seeded PRNG (mulberry32), as a bare draw function. */
export const seededRandom = (seed: number): (() => number) => {
  const random = fixtureRandom(seed);
  return () => random.next();
};

const SOURCE_PORTS = ["ECGYE", "COCTG", "PAMIT", "BRSSZ", "PECLL", "COBUN"];
const OTHER_PORTS = ["CNSHA", "CNNGB", "SGSIN", "MAPTM", "ESALG", "ESVLC", "USNYC", "TRMER", "INNSA", "ZADUR", "CLSAI", "VNSGN"];
const DISCHARGE = ["BEANR", "NLRTM", "DEHAM"];
const GOODS: { hs: string; description: string; vpk: number; reefer: boolean }[] = [
  { hs: "080390", description: "FRESH BANANAS CAVENDISH 18.14 KG BOXES", vpk: 0.9, reefer: true },
  { hs: "080440", description: "FRESH HASS AVOCADOS IN CARTONS", vpk: 2.4, reefer: true },
  { hs: "080510", description: "FRESH ORANGES VALENCIA", vpk: 1.1, reefer: true },
  { hs: "440890", description: "SAWN TEAK VENEER SHEETS", vpk: 3.5, reefer: false },
  { hs: "940360", description: "WOODEN FURNITURE DINING TABLES", vpk: 6, reefer: false },
  { hs: "847130", description: "PORTABLE COMPUTERS LAPTOPS", vpk: 120, reefer: false },
  { hs: "690890", description: "CERAMIC FLOOR TILES GLAZED", vpk: 0.7, reefer: false },
  { hs: "220421", description: "RED WINE IN BOTTLES 75CL", vpk: 4, reefer: false },
  { hs: "090111", description: "GREEN COFFEE BEANS NOT ROASTED", vpk: 3.2, reefer: false },
  { hs: "610910", description: "COTTON T-SHIRTS KNITTED MENS", vpk: 14, reefer: false },
  { hs: "392690", description: "PLASTIC HOUSEHOLD ARTICLES", vpk: 3, reefer: false },
  { hs: "870899", description: "MOTOR VEHICLE PARTS BRAKE PADS", vpk: 9, reefer: false },
];
const GENERIC = ["GENERAL CARGO", "FAK", "SAID TO CONTAIN VARIOUS GOODS", "STC 1200 CARTONS", "PERSONAL EFFECTS"];
const WORDS = ["ANDINA", "PACIFICO", "TROPICAL", "GLOBAL", "NORTE", "ATLANTICO", "ROYAL", "GREEN", "ORO", "SOL", "DELTA", "OMEGA", "UNION", "IMPERIAL", "NOVA", "PRIME"];
const SUFFIXES = ["S.A.", "LTD", "BV", "GMBH", "SAS", "NV", "LLC", "S.A. DE C.V."];
const CONTAINER_TYPES = ["22G1", "42G1", "45G1", "45R1", "22R1", "L5G1"];
const NOW = new Date("2026-03-15T00:00:00Z");
const DAY = 86_400_000;

export interface Fixture {
  shipments: ShipmentInput[];
  ctx: ScoringContext;
}

export function generateFixture(count: number, seed = 42): Fixture {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const chance = (p: number) => rnd() < p;
  const party = (prefix: string, i: number, country: string): PartyInput => ({
    name: `${prefix} ${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i} ${SUFFIXES[i % SUFFIXES.length]}`,
    address: chance(0.05) ? `P.O. BOX ${i}, ${country}` : `AV ${WORDS[i % WORDS.length]} ${i}, ${country}`,
    country,
    id: `${country}${100000 + i}`,
    // As the pipeline does: the identity key is set before scoring.
    key: `ID|${country}|${country}${100000 + i}`,
  });
  const shippers = Array.from({ length: 1500 }, (_, i) => party("EXPORTADORA", i, pick(["EC", "CO", "PA", "BR", "CN", "IN", "VN", "ES"])));
  const consignees = Array.from({ length: 2000 }, (_, i) => party("IMPORT", i, pick(["BE", "NL", "DE"])));
  const forwarders = Array.from({ length: 200 }, (_, i) => party("LOGISTICS", i, pick(["BE", "NL", "DE"])));

  const firstSeen = new Map<string, Date>();
  const linked = new Set<string>();
  const keys = JSON.parse(JSON.stringify([...shippers, ...consignees, ...forwarders].map((p) => p.key ?? ""))) as string[];
  for (const key of keys) {
    if (chance(0.85)) firstSeen.set(key, new Date(NOW.getTime() - Math.floor(rnd() * 1500) * DAY));
    if (chance(0.01)) linked.add(key);
  }
  const watch = new Set((JSON.parse(JSON.stringify(consignees)) as PartyInput[]).filter(() => chance(0.02)).map((c) => normalizePartyName(c.name ?? "")));
  const medians = new Map(GOODS.map((g) => [g.hs, g.vpk]));
  const ctx: ScoringContext = {
    now: NOW,
    unitCode: "BEANR",
    watchlists: new Map([["WATCH-CONSIGNEES", watch]]),
    partyFirstSeen: (key) => firstSeen.get(key),
    partyLinkedToSeizure: (key) => linked.has(key),
    medianValuePerKg: (hs) => medians.get(hs.slice(0, 6)),
  };

  const shipments: ShipmentInput[] = [];
  for (let i = 0; i < count; i++) {
    const goods = pick(GOODS);
    const fromSource = chance(0.3);
    const loading = fromSource ? pick(SOURCE_PORTS) : pick(OTHER_PORTS);
    const tranship = chance(0.4) ? Array.from({ length: 1 + Math.floor(rnd() * (chance(0.1) ? 3 : 1)) }, () => pick([...SOURCE_PORTS, ...OTHER_PORTS])) : [];
    const type = goods.reefer && chance(0.9) ? pick(["45R1", "22R1"]) : pick(CONTAINER_TYPES);
    const packages = 200 + Math.floor(rnd() * 1800);
    const gross = chance(0.01) ? 32_000 + Math.floor(rnd() * 5000) : 2_000 + Math.floor(rnd() * 24_000);
    const net = Math.round(gross * 0.92);
    const vpk = goods.vpk * (chance(0.05) ? 0.1 : 0.6 + rnd() * 0.8);
    const arrival = NOW.getTime() + Math.floor(rnd() * 10) * DAY;
    const consignee = pick(consignees);
    const forwarder = pick(forwarders);
    const seals = chance(0.03) ? [] : chance(0.02) ? ["SL100200", "SL100200"] : [`SL${100000 + Math.floor(rnd() * 900000)}`];
    shipments.push({
      id: `shp-${seed}-${i}`,
      transportMode: "sea",
      manifestRef: `MF${Math.floor(i / 500)}`,
      carrierScac: pick(["MAEU", "MSCU", "CMDU", "HLCU"]),
      vesselImo: "9074729",
      voyage: `V${Math.floor(i / 2000)}`,
      portOfLoading: loading,
      transshipmentPorts: tranship,
      portOfDischarge: pick(DISCHARGE),
      departureDate: new Date(arrival - 21 * DAY).toISOString().slice(0, 10),
      arrivalDate: new Date(arrival).toISOString().slice(0, 10),
      manifestFiledAt: new Date(arrival - (12 + Math.floor(rnd() * 96)) * 3_600_000).toISOString(),
      manifestAmendedAt: chance(0.1) ? new Date(arrival - Math.floor(rnd() * 72) * 3_600_000).toISOString() : undefined,
      bookingDate: new Date(arrival - (22 + Math.floor(rnd() * 20)) * DAY).toISOString().slice(0, 10),
      billOfLading: `BL${seed}${i}`,
      containerNumber: "CSQU3054383",
      containerType: type,
      sealNumbers: seals,
      isEmpty: false,
      shipper: pick(shippers),
      consignee: chance(0.02) ? { ...forwarder } : consignee,
      forwarder,
      hsCodes: chance(0.1) ? [goods.hs, pick(GOODS).hs] : [goods.hs],
      goodsDescription: chance(0.06) ? pick(GENERIC) : goods.description,
      packages,
      packageType: "CT",
      grossWeightKg: gross,
      netWeightKg: net,
      declaredValue: Math.round(net * vpk),
      currency: "USD",
      countryOfOrigin: chance(0.9) ? loading.slice(0, 2) : pick(["CN", "EC", "BR", "US"]),
      freightTerms: chance(0.2) ? "collect" : "prepaid",
      attributes: { freightCost: 1500 + Math.floor(rnd() * 4000), customsOffice: "BEANR01" },
    });
  }
  // A JSON round trip, as the data would arrive from the database or the
  // API: flat strings. Strings built by concatenation are V8 "cons strings",
  // and using them as Map keys is several times slower than real data.
  return { shipments: JSON.parse(JSON.stringify(shipments)) as ShipmentInput[], ctx };
}
