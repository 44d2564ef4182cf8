// Who trades on the demo units' routes: exporters by origin country and goods,
// importers by destination country and goods, many of each, a few big ones and
// a long tail, as a unit sees them. The names are invented (none is a real
// company, nor a party of the demo's current voyages, so those are scored as
// before); most established traders declare their registration or tax number
// in the form their country issues it (an Ecuadorian RUC, a Belgian, Dutch or
// Spanish EORI, a US employer id, a Colombian NIT, a Brazilian CNPJ), with
// check digits that hold; some small ones declare none.
import { createHash } from "node:crypto";

export interface DemoParty {
  name: string;
  country: string;
  /** Registration / tax number as declared; absent when the party declares none. */
  id?: string;
}

type Trade = "banana" | "shrimp" | "cocoa" | "coffee" | "furniture" | "textiles" | "tiles" | "chemicals" | "roses" | "broccoli";

/** What a cargo's HS code is traded as (the exporters and importers of that trade). */
export function tradeOf(hs: string): Trade {
  const h4 = hs.slice(0, 4);
  if (h4 === "0306") return "shrimp";
  if (h4 === "1801") return "cocoa";
  if (h4 === "0901") return "coffee";
  if (h4 === "9403") return "furniture";
  if (hs.startsWith("62")) return "textiles";
  if (h4 === "6907") return "tiles";
  if (hs.startsWith("29")) return "chemicals";
  if (h4 === "0603") return "roses";
  if (h4 === "0704") return "broccoli";
  return "banana";
}

const EXPORTERS: Record<string, Partial<Record<Trade, readonly string[]>>> = {
  EC: {
    banana: [
      "AGRICOLA SAN MARCOS S.A.", "BANANERA EL ORO S.A.", "FRUTADELI EXPORT CIA. LTDA.", "EXPORTADORA BANANERA MACHALA S.A.", "AGROINDUSTRIAL LOS RIOS S.A.",
      "FRUTERA DEL GUAYAS CIA. LTDA.", "BANANOS DEL PACIFICO BANPAC S.A.", "AGRICOLA PUEBLOVIEJO S.A.", "EXPORTADORA TROPICAL QUEVEDO S.A.", "PLATANERA EL EMPALME CIA. LTDA.",
      "FRUTAS DEL LITORAL FRULIT S.A.", "AGROEXPORT NARANJAL S.A.", "BANANERA SANTA ROSA DE ORO S.A.", "HACIENDA LA JULIA FRUITS S.A.", "PINAS DEL GUAYAS PINAGUA S.A.",
      "AGRICOLA BABAHOYO CIA. LTDA.",
    ],
    shrimp: [
      "OCEANPRIDE SHRIMP S.A.", "ACUICOLA GOLFO DE GUAYAQUIL S.A.", "CAMARONERA ISLA PUNA S.A.", "EMPACADORA DEL PACIFICO EMPAPAC S.A.", "MARISCOS DE MANABI S.A.",
      "CAMARONES TAURA CIA. LTDA.", "ACUAEXPORT EL ORO S.A.", "PESQUERA SANTA ELENA S.A.",
    ],
    cocoa: ["CACAO NACIONAL ARRIBA S.A.", "EXPORTADORA DE CACAO LOS RIOS S.A.", "COMERCIAL CACAOTERA VINCES CIA. LTDA.", "AROMA FINO CACAO S.A.", "CACAOS DEL MILAGRO S.A."],
    roses: [
      "ROSAS DE TABACUNDO S.A.", "FLORICOLA CAYAMBE ROSES CIA. LTDA.", "PICHINCHA FLOWERS S.A.", "HACIENDA SAN ISIDRO ROSES S.A.", "FLORES EL QUINCHE S.A.",
      "ROSEDAL DE MACHACHI S.A.", "FLORES DE LATACUNGA CIA. LTDA.", "AGRICOLA GUACHALA ROSES S.A.", "ROSAS DEL VOLCAN S.A.", "FLORANDINA EXPORT S.A.",
      "ECUAROSES PEDRO MONCAYO S.A.", "JARDINES DE PUEMBO S.A.", "FLORES DE OTAVALO CIA. LTDA.", "ROSAS DE ALTURA ANDINAS S.A.", "FLORICOLA SANTA MONICA S.A.",
      "FLORES DEL COTOPAXI S.A.", "ROSAS DE GUAYLLABAMBA CIA. LTDA.", "FLORICOLA LA ESPERANZA S.A.", "HACIENDA PIFO FLOWERS S.A.", "ROSAS ILLINIZA S.A.",
      "FLORES DE CHECA CIA. LTDA.", "TUMBACO GARDEN ROSES S.A.", "FLORICOLA SAN JUAN DE CAYAMBE S.A.", "ROSAS DEL CHIMBORAZO S.A.", "FLORES AMAGUANA CIA. LTDA.",
      "AGROFLORES MALCHINGUI S.A.", "ROSAS DE SIGCHOS S.A.", "FLORES DE TUPIGACHI CIA. LTDA.",
    ],
    broccoli: ["BROCOLI ANDINO COTOPAXI S.A.", "VEGETALES CONGELADOS LASSO S.A.", "HORTIFRESH LATACUNGA CIA. LTDA.", "AGRICOLA PANZALEO S.A.", "FRESCOS DE LA SIERRA S.A.", "HORTALIZAS DE MACHACHI CIA. LTDA."],
  },
  CO: {
    banana: ["C.I. BANANEROS DE URABA S.A.", "C.I. FRUTAS DEL DARIEN S.A.S.", "C.I. AGROBAN APARTADO S.A.S.", "C.I. TROPICAL SANTA MARTA S.A.S.", "C.I. BANANERA DEL MAGDALENA S.A.", "C.I. FRUTICOLA CAREPA S.A.S."],
    coffee: ["CAFE DE LA SIERRA S.A.S.", "C.I. CAFES ESPECIALES DEL HUILA S.A.S.", "COOPERATIVA CAFETERA DEL QUINDIO", "C.I. CAFE ORIGEN NARINO S.A.S.", "C.I. CAFES DEL TOLIMA S.A.S."],
  },
  BR: {
    coffee: ["SANTOS COFFEE TRADING LTDA", "CAFE SUL DE MINAS EXPORTADORA LTDA", "COOPERATIVA CAFEICULTORES DA MOGIANA", "EXPORTADORA DE CAFE GUAXUPE LTDA", "CERRADO MINEIRO CAFES LTDA"],
    furniture: ["MOVEIS PARANA LTDA", "MOVEIS SAO BENTO DO SUL LTDA", "INDUSTRIA MOVELEIRA ARAPONGAS LTDA", "BENTO GONCALVES MOBILIARIO LTDA"],
  },
  PA: {
    banana: ["FRUTAS DE CHIRIQUI S.A.", "BANANERA DE BOCAS DEL TORO S.A.", "AGROEXPORTADORA DE BARU S.A.", "TROPICAL DEL ISTMO S.A.", "FRUTICOLA DE CHANGUINOLA S.A."],
  },
  CN: {
    textiles: ["SHANGHAI JINHUA TEXTILE CO.", "NINGBO YOUNGTEX GARMENT CO. LTD", "SHAOXING KEQIAO FABRICS CO. LTD", "JIANGSU SUNRISE APPAREL CO. LTD", "HANGZHOU MEIHUA CLOTHING CO. LTD", "QINGDAO HAIYANG GARMENTS CO. LTD"],
    furniture: ["NINGBO HOMEWARE CO. LTD", "DONGGUAN WOODCRAFT FURNITURE CO. LTD", "FOSHAN SHUNDE FURNITURE CO. LTD", "ZHEJIANG ANJI HOME CO. LTD", "XIAMEN BAMBOO LIVING CO. LTD"],
    tiles: ["FOSHAN CERAMICS GROUP", "JINJIANG TILE INDUSTRY CO. LTD", "ZIBO CERAMIC EXPORT CO. LTD", "GAOAN BUILDING CERAMICS CO. LTD"],
    chemicals: ["JIANGSU CHEMTRADE CO. LTD", "SHANDONG HUALU FINE CHEMICAL CO. LTD", "ZHEJIANG DONGFANG CHEMICALS CO. LTD", "NANJING YANGZI INDUSTRIAL CHEMICALS CO. LTD"],
  },
  PK: {
    textiles: ["KARACHI TEXTILE MILLS LTD", "FAISALABAD DENIM EXPORTS (PVT) LTD", "LAHORE APPAREL (PVT) LTD", "SIALKOT KNITWEAR (PVT) LTD"],
    tiles: ["SINDH CERAMICS (PVT) LTD", "GUJRAT TILES (PVT) LTD", "HYDERABAD CERAMIC WORKS (PVT) LTD"],
  },
};

type Market = "fruit" | "seafood" | "beans" | "vegetables" | "flowers" | "industrial";
const MARKET: Record<Trade, Market> = {
  banana: "fruit", shrimp: "seafood", cocoa: "beans", coffee: "beans", broccoli: "vegetables", roses: "flowers",
  furniture: "industrial", textiles: "industrial", tiles: "industrial", chemicals: "industrial",
};

const IMPORTERS: Record<string, Partial<Record<Market, readonly string[]>>> = {
  BE: {
    fruit: [
      "FRESH FRUIT ANTWERP NV", "ANTWERP TRADING HOUSE BVBA", "TROPIFRUIT WILLEBROEK NV", "KEMPEN VERS IMPORT NV", "HAVENFRUIT KALLO NV", "BRABANT EXOTICS NV",
      "LIMBURG VERSDISTRIBUTIE NV", "GENTSE GROENTEN EN FRUIT NV", "RIJNKAAI BANANEN NV", "LEUVEN FRUITIMPORT NV", "ZWIJNDRECHT RIPENING CENTRE NV", "HOBOKEN FRESH NV",
    ],
    seafood: ["NOORDERKEMPEN SEAFOOD NV", "OOSTENDE VISHANDEL NV", "ZEEBRUGGE FROZEN FOODS NV", "ANTWERP SHRIMP TRADERS NV", "NIEUWPOORT SEAFOOD IMPORT NV"],
    beans: ["EUROCOFFEE BV", "BELCACAO TRADING NV", "MEIR KOFFIEBRANDERIJ NV", "SCHELDE COCOA WAREHOUSING NV", "KOFFIEHUIS BERCHEM NV", "WAASLAND CACAO NV"],
    industrial: ["ANTWERP HOMEWARE NV", "BENELUX TEXTIEL NV", "KANAALZONE CHEMIE NV", "MECHELEN MEUBELHANDEL NV", "TEGELHANDEL DE VLIER NV", "FLANDERS FASHION DISTRIBUTION NV", "WAASLAND TILES NV", "SCHELDEPOORT CHEMICALS NV"],
  },
  NL: {
    fruit: [
      "ROTTERDAM FRUIT TERMINAL BV", "BARENDRECHT VERSHANDEL BV", "WAALHAVEN TROPICALS BV", "ZUIDPLEIN EXOTICS BV", "RIDDERKERK FRUIT IMPORT BV", "MAASVLAKTE FRESH BV",
      "VAN DER MEER FOODS BV", "SPIJKENISSE BANANEN RIJPERIJ BV", "HOEKSCHE WAARD FRUIT BV", "VLAARDINGEN VERS IMPORT BV", "KRIMPEN TROPICAL FRUIT BV",
    ],
    seafood: ["DELFSHAVEN SEAFOOD BV", "URK VISIMPORT BV", "IJMUIDEN FROZEN SEAFOOD BV", "SCHEVENINGEN SHRIMP TRADING BV", "HARLINGEN VISHANDEL BV"],
    beans: ["AMSTEL KOFFIE IMPORT BV", "ZAANSTAD CACAO BV", "WORMERVEER COCOA PROCESSING BV", "UTRECHT KOFFIEHANDEL BV", "KOOG CACAO TRADING BV"],
    vegetables: ["WESTLANDSE GROENTE IMPORT BV", "SCHIPHOL FRESH VEGETABLES BV", "VENLO VERS LOGISTIEK BV", "HAARLEMMERMEER GROENTE IMPORT BV", "AMSTERDAM EXOTIC VEGETABLES BV", "BARNEVELD GROENTEHANDEL BV"],
    flowers: [
      "AALSMEER BLOEMEN IMPORT BV", "NAALDWIJK FLOWER DISTRIBUTION BV", "HONSELERSDIJK ROSES BV", "LISSE BLOEMENHANDEL BV", "BLEISWIJK FLORAL BV", "DE KWAKEL ROZEN IMPORT BV",
      "UITHOORN FLOWER TRADERS BV", "HILLEGOM BLOEMEN EXPORT BV", "ROELOFARENDSVEEN FLORA BV", "MIJDRECHT PLANT EN BLOEM BV", "HOOFDDORP AIRFLOWERS BV", "SCHIPHOL PERISHABLES BV",
      "BOSKOOP GREEN TRADE BV", "NOORDWIJK ROZENHANDEL BV",
    ],
    industrial: ["HOLLAND HOMEWARE BV", "TILBURG TEXTIEL IMPORT BV", "MOERDIJK CHEMICALS BV", "VEENENDAAL MEUBELEN BV", "TEGELGROOTHANDEL DORDRECHT BV", "ZAANDAM FASHION IMPORT BV", "BOTLEK CHEMIE DISTRIBUTIE BV", "ALMERE HOME CONCEPTS BV"],
  },
  ES: {
    fruit: ["FRUTAS ALGECIRAS S.L.", "FRUTERIAS ANDALUZAS DISTRIBUCION S.L.", "TROPICALES DEL SUR S.L.", "PLATANOS DEL CAMPO DE GIBRALTAR S.L.", "MADURACION SAN ROQUE S.A.", "FRUTAS LOS BARRIOS S.L."],
    seafood: ["MARISCOS DEL ESTRECHO S.L.", "CONGELADOS BAHIA DE CADIZ S.A.", "PESCADOS LA LINEA S.L.", "GAMBAS Y LANGOSTINOS DEL SUR S.L.", "CONGELADOS TARIFA S.L."],
    vegetables: ["VERDURAS MERCAMADRID S.L.", "HORTALIZAS DEL CENTRO S.A.", "FRESCOS BARAJAS S.L.", "VERDES DE GETAFE S.L."],
    flowers: ["MADRID FLOWERS S.L.", "FLORES MERCAMADRID S.L.", "FLORISTERIAS CASTELLANAS IMPORT S.L.", "ROSAS DE BARAJAS S.L.", "FLORALIA IBERICA S.A.", "JARDIN DEL RETIRO FLORES S.L.", "COSLADA FLOR S.L."],
  },
  US: {
    flowers: [
      "MIAMI FLORAL IMPORTS INC", "DORAL FLOWER DISTRIBUTORS INC", "BISCAYNE ROSES LLC", "MEDLEY FLORAL WHOLESALE INC", "HIALEAH BLOOMS CORP", "SOUTH FLORIDA FLOWER EXCHANGE INC",
      "GABLES FLORAL GROUP LLC", "ATLANTIC STEMS INC", "PALMETTO FLOWER IMPORTERS INC", "KENDALL ROSE COMPANY LLC", "SWEETWATER FLORAL CORP", "MIAMI SPRINGS BLOOM HOUSE INC",
    ],
  },
};

/** Digits from a name's hash: the same party gets the same number on every load. */
function digitsOf(name: string, count: number): number[] {
  const hex = createHash("sha256").update(`portcullis-demo-party:${name}`).digest("hex");
  return [...hex].map((h) => parseInt(h, 16) % 10).slice(0, count);
}

const weighted = (digits: readonly number[], weights: readonly number[]) => digits.reduce((sum, d, i) => sum + d * weights[i]!, 0);

/** A private company's RUC (Ecuador): province (the highlands' for flowers and vegetables, the coast's else), 9, serial, mod-11 check digit, establishment 001. */
function ecuadorRuc(name: string, trade: Trade): string {
  const d = digitsOf(name, 7);
  const provinces = trade === "roses" || trade === "broccoli" ? [[1, 7], [0, 5], [1, 0]] : [[0, 9], [0, 7], [1, 2]];
  const province = provinces[d[6]! % provinces.length]!;
  for (let n = 0; ; n++) {
    const first9 = [...province, 9, ...d.slice(0, 5), (d[5]! + n) % 10];
    const r = weighted(first9, [4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
    const check = r === 0 ? 0 : 11 - r;
    if (check < 10) return `${first9.join("")}${check}001`;
  }
}

/** A Belgian EORI: BE and the enterprise number (0, 7 digits, 97 less the first eight mod 97). */
function belgianEori(name: string): string {
  const first8 = `0${digitsOf(name, 7).join("")}`;
  return `BE${first8}${String(97 - (Number(first8) % 97)).padStart(2, "0")}`;
}

/** A Dutch EORI: NL and a nine-digit RSIN that passes the eleven test. */
function dutchEori(name: string): string {
  const d = [8, ...digitsOf(name, 7)];
  for (let n = 0; ; n++) {
    const first8 = [...d.slice(0, 7), (d[7]! + n) % 10];
    const last = weighted(first8, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
    if (last < 10) return `NL${first8.join("")}${last}`;
  }
}

/** A Spanish EORI: ES and the company's NIF (A for an S.A., B for an S.L.; seven digits and the check digit). */
function spanishEori(name: string): string {
  const d = digitsOf(name, 7);
  const odd = [0, 2, 4, 6].reduce((sum, i) => sum + [...String(d[i]! * 2)].reduce((s, c) => s + Number(c), 0), 0);
  const even = [1, 3, 5].reduce((sum, i) => sum + d[i]!, 0);
  return `ES${name.endsWith("S.A.") ? "A" : "B"}${d.join("")}${(10 - ((odd + even) % 10)) % 10}`;
}

/** A Colombian NIT (DIAN check digit). */
function colombianNit(name: string): string {
  const d = [9, 0, 0, ...digitsOf(name, 6)];
  const r = weighted(d, [41, 37, 29, 23, 19, 17, 13, 7, 3]) % 11;
  return `${d.join("")}-${r > 1 ? 11 - r : r}`;
}

/** A Brazilian CNPJ with its two check digits. */
function brazilianCnpj(name: string): string {
  const d = [...digitsOf(name, 8), 0, 0, 0, 1];
  const check = (digits: number[], weights: number[]) => {
    const r = weighted(digits, weights) % 11;
    return r < 2 ? 0 : 11 - r;
  };
  const c1 = check(d, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const c2 = check([...d, c1], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const s = [...d, c1, c2].join("");
  return `${s.slice(0, 2)}.${s.slice(2, 5)}.${s.slice(5, 8)}/${s.slice(8, 12)}-${s.slice(12)}`;
}

/** A US employer id (Florida prefixes), the base of the importer number. */
function usEmployerId(name: string): string {
  const d = digitsOf(name, 8);
  return `${d[0]! < 5 ? "59" : "65"}-${d.slice(1).join("")}`;
}

const ID_OF: Record<string, (name: string, trade: Trade) => string> = { EC: ecuadorRuc, BE: belgianEori, NL: dutchEori, ES: spanishEori, US: usEmployerId, CO: colombianNit, BR: brazilianCnpj };

/**
 * A trader of a pool; `rank` 0 is the biggest. The smaller ones declare no number now and then: every fifth from
 * the fifth biggest, some 10-15 % of a pool's trade. The Chinese, Pakistani and Panamanian exporters carry none here.
 */
function party(name: string, country: string, trade: Trade, rank: number): DemoParty {
  const make = ID_OF[country];
  return make === undefined || rank % 5 === 4 ? { name, country } : { name, country, id: make(name, trade) };
}

/** A pool: its parties, a few big traders first, and the cumulative weights to draw them with. */
export interface PartyPool {
  parties: readonly DemoParty[];
  cumulative: readonly number[];
}

function pool(names: readonly string[], country: string, trade: Trade): PartyPool {
  // Weight 1/sqrt(rank + 2): the biggest of 12 traders has some 14 % of the pool's trade, the smallest 40 % of that.
  const weights = names.map((_, i) => 1 / Math.sqrt(i + 2));
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return { parties: names.map((n, rank) => party(n, country, trade, rank)), cumulative: weights.map((w) => (sum += w / total)) };
}

const pools = new Map<string, PartyPool>();
function cached(key: string, make: () => PartyPool): PartyPool {
  let found = pools.get(key);
  if (found === undefined) pools.set(key, (found = make()));
  return found;
}

/** The exporters of a cargo's trade in its origin country (Ecuador's banana exporters when the route's country has none of that trade). */
export function exporters(origin: string, hs: string): PartyPool {
  const trade = tradeOf(hs);
  return cached(`X|${origin}|${trade}`, () => {
    const names = EXPORTERS[origin]?.[trade];
    return names ? pool(names, origin, trade) : pool(EXPORTERS.EC!.banana!, "EC", "banana");
  });
}

/** The importers of a cargo's market in the destination country (the Dutch importers of that market when the country has none). */
export function importers(country: string, hs: string): PartyPool {
  const trade = tradeOf(hs);
  const market = MARKET[trade];
  return cached(`M|${country}|${market}`, () => {
    const own = IMPORTERS[country]?.[market];
    return own ? pool(own, country, trade) : pool(IMPORTERS.NL![market]!, "NL", trade);
  });
}

/** The pool's party for a uniform draw `u` in [0, 1) (one draw, so the planner's other draws stay as they were). */
export function partyFor(from: PartyPool, u: number): DemoParty {
  const i = from.cumulative.findIndex((c) => u < c);
  return from.parties[i === -1 ? from.parties.length - 1 : i]!;
}

/** Every party of the pools, for tests. */
export function allDemoParties(): DemoParty[] {
  const out: DemoParty[] = [];
  for (const [country, byTrade] of Object.entries(EXPORTERS)) {
    for (const [trade, names] of Object.entries(byTrade)) out.push(...(names ?? []).map((n, rank) => party(n, country, trade as Trade, rank)));
  }
  // An importer's number does not depend on the trade (only an Ecuadorian RUC's province does).
  for (const [country, byMarket] of Object.entries(IMPORTERS)) for (const names of Object.values(byMarket)) out.push(...(names ?? []).map((n, rank) => party(n, country, "banana", rank)));
  return out;
}
