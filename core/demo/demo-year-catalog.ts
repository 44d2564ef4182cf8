// What a year of work looks like in each demo unit: the trade it sees (ports,
// goods, containers), how many boxes a week it receives and inspects, and what
// it seizes (programme commodity categories, realistic quantities and
// concealments). Figures follow the domain brief: hits are a few percent of
// inspections, cocaine dominates the Latin America–Europe reefer trade,
// cigarettes and counterfeits come from Asia, heroin from the Makran coast.

export type Commodity =
  | "cocaine" | "heroin" | "cannabis" | "psychotropics" | "nps" | "precursors" | "strategic_goods"
  | "cigarettes" | "counterfeit" | "wildlife_environment" | "other";
export type Concealment = "in_cargo" | "in_structure" | "in_reefer_unit" | "rip_on_rip_off" | "other";
type Weighted<T> = readonly (readonly [T, number])[];

export interface Cargo {
  hs: string;
  description: string;
  /** Container size-types (sea) or null (air). */
  containerType: string | null;
  packageType: string;
  packages: readonly [number, number];
  kgPerPackage: number;
  usdPerKg: number;
}

export interface Lane {
  /** Port of loading (UN/LOCODE), transshipment ports, port of discharge. */
  from: string;
  via: readonly string[];
  to: string;
  origin: string;
  carrier: { scac: string; name: string; vessel: string | null; imo: string | null };
  cargo: readonly Cargo[];
}

export interface SeizureKind {
  commodity: Commodity;
  /** Lognormal quantity: median and spread (sigma), clamped to [min, max]. */
  unit: "kg" | "l" | "sticks" | "pieces" | "units";
  median: number;
  sigma: number;
  min: number;
  max: number;
  concealment: Weighted<Concealment>;
  description: string;
}

export interface DemoUnitYear {
  unitCode: string;
  mode: "sea" | "air";
  /**
   * Shipments a week of a year ago (the volume grows ~30 % over the year). The demo keeps only a
   * sample of each voyage, mostly the boxes opened, so a fresh start stays fast.
   */
  weeklyShipments: number;
  /** Share of a voyage's shipments inspected. */
  inspectedShare: number;
  lanes: Weighted<Lane>;
  seizures: Weighted<SeizureKind>;
  /** Agency codes: the customs agency owns inspections; the police agency joins seizures and owns the few it keeps to itself. */
  customs: string;
  police: string;
}

const cargo = (hs: string, description: string, containerType: string | null, packageType: string, packages: readonly [number, number], kgPerPackage: number, usdPerKg: number): Cargo =>
  ({ hs, description, containerType, packageType, packages, kgPerPackage, usdPerKg });

const BANANAS = cargo("080390", "FRESH BANANAS 18.14 KG BOXES", "45R1", "CT", [1_000, 1_100], 18.14, 0.95);
const PLANTAINS = cargo("080310", "FRESH PLANTAINS", "45R1", "CT", [850, 960], 22, 0.8);
const SHRIMP = cargo("030617", "FROZEN VANNAMEI SHRIMP HLSO", "45R1", "CT", [1_150, 1_250], 20, 6.2);
const COCOA = cargo("180100", "RAW COCOA BEANS IN BAGS", "22G1", "BG", [380, 400], 62.5, 6.8);
const PINEAPPLES = cargo("080430", "FRESH PINEAPPLES MD2", "45R1", "CT", [1_300, 1_500], 12, 0.7);
const COFFEE = cargo("090111", "GREEN COFFEE BEANS ARABICA", "22G1", "BG", [320, 330], 60, 5.2);
const FURNITURE = cargo("940360", "WOODEN FURNITURE FLAT PACKED", "45G1", "CT", [300, 600], 25, 4.1);
const TEXTILES = cargo("620342", "MEN'S COTTON TROUSERS", "40G1", "CT", [600, 900], 12, 9.5);
const TILES = cargo("690721", "CERAMIC FLOOR TILES", "22G1", "PL", [18, 22], 1_150, 0.6);
const CHEMICALS = cargo("291570", "INDUSTRIAL CHEMICALS IN DRUMS", "22G1", "DR", [70, 80], 250, 2.2);
const ROSES = cargo("060311", "FRESH CUT ROSES", null, "BX", [20, 120], 14, 7.5);
const BROCCOLI = cargo("070410", "FRESH BROCCOLI", null, "BX", [40, 160], 10, 1.9);

const reefer = (from: string, via: string[], to: string, origin: string, vessel: string, imo: string, goods: Cargo[]): Lane =>
  ({ from, via, to, origin, carrier: { scac: "HLCU", name: "Hapag-Lloyd", vessel, imo }, cargo: goods });
const asia = (from: string, to: string, origin: string, vessel: string, imo: string, goods: Cargo[]): Lane =>
  ({ from, via: ["SGSIN"], to, origin, carrier: { scac: "MAEU", name: "Maersk", vessel, imo }, cargo: goods });

const c = (commodity: Commodity, unit: SeizureKind["unit"], median: number, sigma: number, min: number, max: number, concealment: Weighted<Concealment>, description: string): SeizureKind =>
  ({ commodity, unit, median, sigma, min, max, concealment, description });

const COCAINE_PORT = c("cocaine", "kg", 140, 1.0, 8, 4_000,
  [["rip_on_rip_off", 45], ["in_cargo", 25], ["in_reefer_unit", 15], ["in_structure", 15]], "Cocaine hydrochloride in 1 kg bricks");
const HEROIN_PORT = c("heroin", "kg", 60, 0.9, 5, 600, [["in_cargo", 60], ["in_structure", 40]], "Heroin in packages hidden in the cargo");
const CIGARETTES = c("cigarettes", "sticks", 6_000_000, 0.4, 1_000_000, 12_000_000, [["in_cargo", 90], ["in_structure", 10]], "Cigarettes behind a cover load");
const COUNTERFEIT = c("counterfeit", "pieces", 8_000, 1.0, 300, 60_000, [["in_cargo", 100]], "Counterfeit branded goods");
const PRECURSORS = c("precursors", "kg", 1_500, 0.8, 100, 12_000, [["in_cargo", 100]], "Precursor chemical declared as an industrial chemical");
const NPS = c("nps", "kg", 40, 1.0, 2, 500, [["in_cargo", 80], ["in_structure", 20]], "Synthetic cathinones declared as bath salts");
const CANNABIS_PORT = c("cannabis", "kg", 600, 0.8, 50, 5_000, [["in_cargo", 70], ["in_structure", 30]], "Cannabis resin in vacuum-packed blocks");
const SHARK_FINS = c("wildlife_environment", "kg", 350, 0.7, 40, 2_500, [["in_cargo", 85], ["in_structure", 15]], "Dried shark fins declared as fish maw");
const STRATEGIC = c("strategic_goods", "pieces", 6, 1.0, 1, 80, [["in_cargo", 100]], "Dual-use machine parts without an export licence");

/** The four demo units (fixtures/units.json). */
export const DEMO_YEAR: readonly DemoUnitYear[] = [
  {
    unitCode: "ECGYE", mode: "sea", weeklyShipments: 16, inspectedShare: 0.55, customs: "EC-SENAE", police: "EC-PN-DNA",
    lanes: [
      [reefer("ECGYE", ["PAMIT"], "BEANR", "EC", "CAP SAN ANTONIO", "9622227", [BANANAS, PLANTAINS, PINEAPPLES]), 5],
      [reefer("ECGYE", ["COCTG"], "NLRTM", "EC", "SEOUL EXPRESS", "9295220", [BANANAS, SHRIMP, COCOA]), 4],
      [reefer("ECGYE", [], "ESALG", "EC", "CAP SAN LORENZO", "9622241", [BANANAS, SHRIMP]), 2],
    ],
    seizures: [[COCAINE_PORT, 80], [SHARK_FINS, 9], [PRECURSORS, 4], [CIGARETTES, 3], [CANNABIS_PORT, 4]],
  },
  {
    unitCode: "BEANR", mode: "sea", weeklyShipments: 18, inspectedShare: 0.55, customs: "BE-AADA", police: "BE-FGP-ANTW",
    lanes: [
      [reefer("ECGYE", ["PAMIT"], "BEANR", "EC", "CAP SAN ANTONIO", "9622227", [BANANAS, PINEAPPLES, SHRIMP]), 5],
      [reefer("COCTG", ["PAMIT"], "BEANR", "CO", "MSC ANNA", "9777187", [BANANAS, COFFEE]), 3],
      [reefer("BRSSZ", [], "BEANR", "BR", "MSC GULSUN", "9839430", [COFFEE, FURNITURE]), 2],
      [asia("CNSHA", "BEANR", "CN", "MAERSK ESSEN", "9456783", [TEXTILES, FURNITURE, TILES, CHEMICALS]), 4],
    ],
    seizures: [[COCAINE_PORT, 64], [CIGARETTES, 10], [COUNTERFEIT, 10], [PRECURSORS, 6], [NPS, 4], [HEROIN_PORT, 3], [STRATEGIC, 3]],
  },
  {
    unitCode: "NLRTM", mode: "sea", weeklyShipments: 20, inspectedShare: 0.5, customs: "NL-DOUANE", police: "NL-HARC",
    lanes: [
      [reefer("ECGYE", ["COCTG"], "NLRTM", "EC", "SEOUL EXPRESS", "9295220", [BANANAS, SHRIMP]), 4],
      [reefer("PAMIT", [], "NLRTM", "PA", "MSC ANNA", "9777187", [BANANAS, PINEAPPLES]), 3],
      [asia("CNSHA", "NLRTM", "CN", "MAERSK ESSEN", "9456783", [TEXTILES, TILES, CHEMICALS, FURNITURE]), 5],
      [asia("PKBQM", "NLRTM", "PK", "MAERSK EVORA", "9458078", [TEXTILES, TILES]), 1],
    ],
    seizures: [[COCAINE_PORT, 58], [CIGARETTES, 10], [PRECURSORS, 9], [COUNTERFEIT, 8], [HEROIN_PORT, 6], [CANNABIS_PORT, 5], [STRATEGIC, 4]],
  },
  {
    unitCode: "ECUIO-AIR", mode: "air", weeklyShipments: 10, inspectedShare: 0.6, customs: "EC-SENAE", police: "EC-PN-DNA",
    lanes: [
      [{ from: "ECUIO", via: [], to: "NLAMS", origin: "EC", carrier: { scac: "KL", name: "KLM Cargo", vessel: null, imo: null }, cargo: [ROSES, BROCCOLI] }, 3],
      [{ from: "ECUIO", via: [], to: "USMIA", origin: "EC", carrier: { scac: "LA", name: "LATAM Cargo", vessel: null, imo: null }, cargo: [ROSES] }, 2],
      [{ from: "ECUIO", via: [], to: "ESMAD", origin: "EC", carrier: { scac: "IB", name: "Iberia Cargo", vessel: null, imo: null }, cargo: [ROSES, BROCCOLI] }, 1],
    ],
    seizures: [
      [c("cocaine", "kg", 8, 0.8, 0.5, 80, [["in_cargo", 80], ["in_structure", 20]], "Cocaine impregnated in or hidden among flower boxes"), 60],
      [c("cannabis", "kg", 12, 0.7, 1, 90, [["in_cargo", 100]], "Cannabis flowers in vacuum bags"), 12],
      [c("psychotropics", "units", 20_000, 0.9, 500, 300_000, [["in_cargo", 100]], "Tablets of a controlled psychotropic substance"), 10],
      [c("wildlife_environment", "kg", 25, 0.8, 2, 200, [["in_cargo", 100]], "Dried shark fins and seahorses"), 12],
      [c("other", "kg", 15, 0.8, 1, 100, [["in_cargo", 100]], "Undeclared gold-bearing concentrate"), 6],
    ],
  },
];

/** Why a box was opened, and how often (profile selections dominate; the random share keeps the profiles honest). */
export const SELECTIONS: Weighted<"profile" | "random" | "intelligence" | "self"> = [["profile", 70], ["random", 15], ["intelligence", 8], ["self", 7]];

/** Chance that an inspection finds a seizure, by why the box was opened. */
export const HIT_RATE = { profile: 0.06, random: 0.015, intelligence: 0.35, self: 0.04 } as const;

/** How a seizure was detected, by why the box was opened. */
export const DETECTION: Record<keyof typeof HIT_RATE, Weighted<"profile" | "random" | "intelligence" | "tip_off" | "canine" | "scanner" | "other">> = {
  profile: [["profile", 70], ["scanner", 20], ["canine", 10]],
  random: [["random", 100]],
  intelligence: [["intelligence", 70], ["tip_off", 30]],
  self: [["canine", 40], ["scanner", 40], ["other", 20]],
};
