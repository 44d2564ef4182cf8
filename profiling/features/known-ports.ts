// Ports and airports the programme deals with: the source, transit and
// destination hubs of the cocaine, heroin and counterfeit routes, and the
// world's main container ports. Not the whole UN/LOCODE list (100k+ places):
// the format check in locode.ts accepts any well-formed code, this table adds
// what analysts want to see next to it. Coordinates are rough (about 0.05°),
// for maps and distances, not navigation.

export type PortKind = "seaport" | "airport";

/**
 * Trafficking-analysis regions. "central-america" includes Mexico (one
 * corridor for the programme); "south-america-caribbean" includes inland
 * Colombia and the Guianas.
 */
export type PortRegion =
  | "south-america-pacific" | "south-america-caribbean" | "south-america-atlantic" | "south-america-inland"
  | "central-america" | "caribbean" | "north-america"
  | "north-europe" | "south-europe" | "east-mediterranean"
  | "north-africa" | "west-africa" | "central-africa" | "east-africa" | "southern-africa"
  | "middle-east" | "south-asia" | "southeast-asia" | "east-asia" | "oceania";

export interface PortInfo {
  locode: string;
  name: string;
  /** ISO 3166 alpha-2, the first two letters of the code. */
  country: string;
  /** What the place is chiefly known for in the programme (a unit's kind). */
  kind: PortKind;
  /** Every function it has: a seaport with a cargo airport has both. */
  kinds: readonly PortKind[];
  region: PortRegion;
  lat?: number;
  lon?: number;
}

// S = seaport, A = airport, SA = both with the seaport first, AS = both with the airport first.
type Kinds = "S" | "A" | "SA" | "AS";
type Row = readonly [locode: string, name: string, kinds: Kinds, lat: number, lon: number];

const KIND_MAP: Readonly<Record<Kinds, readonly PortKind[]>> = {
  S: ["seaport"], A: ["airport"], SA: ["seaport", "airport"], AS: ["airport", "seaport"],
};

const ROWS: Readonly<Record<PortRegion, readonly Row[]>> = {
  "south-america-pacific": [
    ["ECGYE", "Guayaquil", "SA", -2.28, -79.91], ["ECPBO", "Puerto Bolívar", "S", -3.27, -80.0],
    ["ECMEC", "Manta", "S", -0.93, -80.72], ["ECESM", "Esmeraldas", "S", 0.99, -79.65],
    ["ECUIO", "Quito", "A", -0.13, -78.36], ["COBUN", "Buenaventura", "S", 3.88, -77.07],
    ["COTCO", "Tumaco", "S", 1.81, -78.76], ["PECLL", "Callao", "S", -12.05, -77.15],
    ["PEPAI", "Paita", "S", -5.08, -81.11], ["PELIM", "Lima", "A", -12.02, -77.11],
    ["CLSAI", "San Antonio", "S", -33.59, -71.62], ["CLVAP", "Valparaíso", "S", -33.03, -71.63],
    ["CLIQQ", "Iquique", "S", -20.2, -70.15], ["CLARI", "Arica", "S", -18.48, -70.32],
    ["CLSVE", "San Vicente", "S", -36.73, -73.13], ["CLSCL", "Santiago", "A", -33.39, -70.79],
  ],
  "south-america-caribbean": [
    ["COCTG", "Cartagena", "SA", 10.4, -75.52], ["COSMR", "Santa Marta", "S", 11.24, -74.22],
    ["COBAQ", "Barranquilla", "SA", 10.97, -74.77], ["COTRB", "Turbo", "S", 8.09, -76.73],
    ["COBOG", "Bogotá", "A", 4.7, -74.14], ["COMDE", "Medellín", "A", 6.16, -75.42],
    ["VEPBL", "Puerto Cabello", "S", 10.48, -68.01], ["VELAG", "La Guaira", "S", 10.6, -66.93],
    ["VECCS", "Caracas", "A", 10.6, -66.99], ["GYGEO", "Georgetown", "S", 6.81, -58.16],
    ["SRPBM", "Paramaribo", "S", 5.83, -55.15],
  ],
  "south-america-atlantic": [
    ["BRSSZ", "Santos", "S", -23.96, -46.3], ["BRRIG", "Rio Grande", "S", -32.07, -52.08],
    ["BRPNG", "Paranaguá", "S", -25.5, -48.52], ["BRITJ", "Itajaí", "S", -26.9, -48.66],
    ["BRNVT", "Navegantes", "S", -26.89, -48.65], ["BRSUA", "Suape", "S", -8.39, -34.96],
    ["BRPEC", "Pecém", "S", -3.54, -38.81], ["BRRIO", "Rio de Janeiro", "SA", -22.89, -43.19],
    ["BRSSA", "Salvador", "S", -12.97, -38.51], ["BRVIX", "Vitória", "S", -20.32, -40.33],
    ["BRGRU", "São Paulo-Guarulhos", "A", -23.43, -46.47], ["BRVCP", "Campinas-Viracopos", "A", -23.01, -47.13],
    ["ARBUE", "Buenos Aires", "SA", -34.6, -58.37], ["UYMVD", "Montevideo", "SA", -34.9, -56.21],
  ],
  "south-america-inland": [
    ["PYASU", "Asunción", "AS", -25.28, -57.64], ["BOVVI", "Santa Cruz-Viru Viru", "A", -17.64, -63.14],
    ["BOLPB", "La Paz", "A", -16.51, -68.19],
  ],
  "central-america": [
    ["PAMIT", "Manzanillo (Colón)", "S", 9.36, -79.88], ["PAONX", "Colón", "S", 9.35, -79.9],
    ["PABLB", "Balboa", "S", 8.95, -79.57], ["PAPTY", "Panama City-Tocumen", "A", 9.07, -79.38],
    ["CRMOB", "Moín", "S", 10.0, -83.08], ["CRLIO", "Puerto Limón", "S", 9.99, -83.03],
    ["CRSJO", "San José", "A", 9.99, -84.2], ["GTSTC", "Santo Tomás de Castilla", "S", 15.7, -88.61],
    ["GTPBR", "Puerto Barrios", "S", 15.73, -88.6], ["GTPRQ", "Puerto Quetzal", "S", 13.92, -90.79],
    ["GTGUA", "Guatemala City", "A", 14.58, -90.53], ["HNPCR", "Puerto Cortés", "S", 15.84, -87.95],
    ["HNSAP", "San Pedro Sula", "A", 15.45, -87.92], ["SVAQJ", "Acajutla", "S", 13.57, -89.84],
    ["NICIO", "Corinto", "S", 12.48, -87.17], ["MXZLO", "Manzanillo", "S", 19.06, -104.3],
    ["MXLZC", "Lázaro Cárdenas", "S", 17.94, -102.18], ["MXVER", "Veracruz", "S", 19.2, -96.13],
    ["MXATM", "Altamira", "S", 22.48, -97.87], ["MXMEX", "Mexico City", "A", 19.44, -99.07],
  ],
  caribbean: [
    ["DOCAU", "Caucedo", "S", 18.42, -69.63], ["DOHAI", "Río Haina", "S", 18.42, -70.01],
    ["DOSDQ", "Santo Domingo", "AS", 18.43, -69.67], ["JMKIN", "Kingston", "SA", 17.97, -76.83],
    ["BSFPO", "Freeport", "S", 26.52, -78.77], ["TTPOS", "Port of Spain", "SA", 10.65, -61.52],
    ["CUMAR", "Mariel", "S", 22.99, -82.75], ["CUHAV", "Havana", "SA", 23.14, -82.35],
    ["HTPAP", "Port-au-Prince", "SA", 18.55, -72.35], ["PRSJU", "San Juan", "SA", 18.45, -66.1],
    ["CWWIL", "Willemstad", "S", 12.11, -68.93],
  ],
  "north-america": [
    ["USNYC", "New York", "S", 40.67, -74.05], ["USLAX", "Los Angeles", "SA", 33.74, -118.26],
    ["USLGB", "Long Beach", "S", 33.75, -118.21], ["USHOU", "Houston", "S", 29.73, -95.27],
    ["USSAV", "Savannah", "S", 32.08, -81.09], ["USMIA", "Miami", "AS", 25.78, -80.18],
    ["USPEF", "Port Everglades", "S", 26.09, -80.12], ["USORF", "Norfolk", "S", 36.85, -76.29],
    ["USCHS", "Charleston", "S", 32.78, -79.92], ["USOAK", "Oakland", "S", 37.8, -122.3],
    ["USSEA", "Seattle", "S", 47.6, -122.34], ["USBAL", "Baltimore", "S", 39.26, -76.58],
    ["USPHL", "Philadelphia", "S", 39.9, -75.14], ["USMSY", "New Orleans", "S", 29.93, -90.06],
    ["USJAX", "Jacksonville", "S", 30.4, -81.55], ["CAMTR", "Montréal", "S", 45.55, -73.53],
    ["CAVAN", "Vancouver", "S", 49.29, -123.1], ["CAHAL", "Halifax", "S", 44.63, -63.56],
    ["CAPRR", "Prince Rupert", "S", 54.3, -130.33],
  ],
  "north-europe": [
    ["BEANR", "Antwerp", "S", 51.28, 4.33], ["BEZEE", "Zeebrugge", "S", 51.33, 3.2],
    ["BEGNE", "Ghent", "S", 51.1, 3.75], ["BEBRU", "Brussels", "A", 50.9, 4.48],
    ["BELGG", "Liège", "A", 50.64, 5.44], ["NLRTM", "Rotterdam", "S", 51.95, 4.13],
    ["NLAMS", "Amsterdam", "AS", 52.31, 4.76], ["NLVLI", "Vlissingen", "S", 51.44, 3.6],
    ["NLMOE", "Moerdijk", "S", 51.7, 4.6], ["DEHAM", "Hamburg", "SA", 53.54, 9.93],
    ["DEBRV", "Bremerhaven", "S", 53.57, 8.56], ["DEWVN", "Wilhelmshaven", "S", 53.58, 8.15],
    ["DEFRA", "Frankfurt am Main", "A", 50.04, 8.56], ["DELEJ", "Leipzig", "A", 51.42, 12.24],
    ["FRLEH", "Le Havre", "S", 49.48, 0.12], ["FRDKK", "Dunkerque", "S", 51.05, 2.37],
    ["FRCDG", "Paris-Charles de Gaulle", "A", 49.01, 2.55], ["GBFXT", "Felixstowe", "S", 51.95, 1.33],
    ["GBSOU", "Southampton", "S", 50.9, -1.43], ["GBLGP", "London Gateway", "S", 51.5, 0.48],
    ["GBTIL", "Tilbury", "S", 51.46, 0.36], ["GBLIV", "Liverpool", "S", 53.45, -3.02],
    ["GBLHR", "London-Heathrow", "A", 51.47, -0.45], ["IEDUB", "Dublin", "SA", 53.35, -6.2],
    ["DKAAR", "Aarhus", "S", 56.15, 10.23], ["SEGOT", "Göteborg", "S", 57.69, 11.85],
    ["NOOSL", "Oslo", "S", 59.9, 10.74], ["PLGDN", "Gdańsk", "S", 54.4, 18.67],
    ["PLGDY", "Gdynia", "S", 54.53, 18.55], ["LTKLJ", "Klaipėda", "S", 55.7, 21.13],
    ["LVRIX", "Riga", "S", 56.97, 24.1], ["EETLL", "Tallinn", "S", 59.45, 24.77],
    ["FIHEL", "Helsinki", "S", 60.16, 24.95], ["RULED", "Saint Petersburg", "S", 59.88, 30.21],
    ["LULUX", "Luxembourg", "A", 49.63, 6.21],
  ],
  "south-europe": [
    ["ESALG", "Algeciras", "S", 36.13, -5.44], ["ESVLC", "Valencia", "S", 39.44, -0.32],
    ["ESBCN", "Barcelona", "SA", 41.35, 2.16], ["ESBIO", "Bilbao", "S", 43.35, -3.05],
    ["ESVGO", "Vigo", "S", 42.24, -8.72], ["ESLPA", "Las Palmas de Gran Canaria", "S", 28.14, -15.42],
    ["ESMAD", "Madrid", "A", 40.47, -3.56], ["ITGIT", "Gioia Tauro", "S", 38.44, 15.9],
    ["ITGOA", "Genova", "S", 44.41, 8.9], ["ITSPE", "La Spezia", "S", 44.1, 9.84],
    ["ITLIV", "Livorno", "S", 43.56, 10.3], ["ITTRS", "Trieste", "S", 45.62, 13.76],
    ["ITVCE", "Venezia", "S", 45.44, 12.25], ["ITNAP", "Napoli", "S", 40.84, 14.27],
    ["ITSAL", "Salerno", "S", 40.67, 14.74], ["ITMIL", "Milano", "A", 45.46, 9.19],
    ["GRPIR", "Piraeus", "S", 37.94, 23.63], ["GRSKG", "Thessaloniki", "S", 40.63, 22.93],
    ["PTLEI", "Leixões", "S", 41.18, -8.7], ["PTSIE", "Sines", "S", 37.95, -8.87],
    ["PTLIS", "Lisboa", "SA", 38.7, -9.15], ["FRMRS", "Marseille", "S", 43.33, 5.35],
    ["FRFOS", "Fos-sur-Mer", "S", 43.42, 4.88], ["MTMAR", "Marsaxlokk", "S", 35.82, 14.54],
    ["SIKOP", "Koper", "S", 45.56, 13.74], ["HRRJK", "Rijeka", "S", 45.33, 14.43],
    ["CYLMS", "Limassol", "S", 34.65, 33.02],
  ],
  "east-mediterranean": [
    ["TRMER", "Mersin", "S", 36.79, 34.64], ["TRAMR", "Ambarlı", "S", 40.97, 28.68],
    ["TRIST", "Istanbul", "AS", 41.01, 28.98], ["ILHFA", "Haifa", "S", 32.82, 35.0],
    ["ILASH", "Ashdod", "S", 31.82, 34.64], ["LBBEY", "Beirut", "SA", 33.9, 35.52],
    ["EGPSD", "Port Said", "S", 31.26, 32.3], ["EGALY", "Alexandria", "S", 31.18, 29.87],
    ["EGCAI", "Cairo", "A", 30.11, 31.41],
  ],
  "north-africa": [
    ["MAPTM", "Tanger Med", "S", 35.88, -5.5], ["MACAS", "Casablanca", "S", 33.61, -7.61],
    ["DZALG", "Alger", "S", 36.77, 3.06], ["TNRAD", "Radès", "S", 36.8, 10.27],
  ],
  "west-africa": [
    ["SNDKR", "Dakar", "SA", 14.68, -17.43], ["CIABJ", "Abidjan", "SA", 5.28, -4.01],
    ["CISPY", "San-Pédro", "S", 4.74, -6.61], ["GHTEM", "Tema", "S", 5.63, 0.01],
    ["GHTKD", "Takoradi", "S", 4.89, -1.74], ["GHACC", "Accra", "A", 5.6, -0.17],
    ["TGLFW", "Lomé", "SA", 6.13, 1.28], ["BJCOO", "Cotonou", "SA", 6.35, 2.43],
    ["NGAPP", "Apapa", "S", 6.44, 3.37], ["NGTIN", "Tin Can Island", "S", 6.44, 3.35],
    ["NGONN", "Onne", "S", 4.71, 7.15], ["NGLOS", "Lagos", "AS", 6.58, 3.32],
    ["GNCKY", "Conakry", "S", 9.51, -13.71], ["SLFNA", "Freetown", "S", 8.49, -13.23],
    ["LRMLW", "Monrovia", "S", 6.35, -10.79], ["GWOXB", "Bissau", "S", 11.86, -15.58],
    ["MRNKC", "Nouakchott", "S", 18.03, -16.03], ["CVRAI", "Praia", "S", 14.92, -23.51],
    ["GMBJL", "Banjul", "S", 13.45, -16.58],
  ],
  "central-africa": [
    ["CMDLA", "Douala", "SA", 4.05, 9.69], ["CMKBI", "Kribi", "S", 2.74, 9.87],
    ["GAOWE", "Owendo", "S", 0.29, 9.5], ["CGPNR", "Pointe-Noire", "S", -4.79, 11.83],
    ["CDMAT", "Matadi", "S", -5.82, 13.45], ["AOLAD", "Luanda", "SA", -8.79, 13.24],
  ],
  "east-africa": [
    ["KEMBA", "Mombasa", "S", -4.05, 39.65], ["KENBO", "Nairobi", "A", -1.32, 36.93],
    ["TZDAR", "Dar es Salaam", "SA", -6.83, 39.29], ["DJJIB", "Djibouti", "S", 11.6, 43.13],
    ["ETADD", "Addis Ababa", "A", 8.98, 38.8], ["SDPZU", "Port Sudan", "S", 19.6, 37.22],
    ["MGTMM", "Toamasina", "S", -18.15, 49.42], ["MUPLU", "Port Louis", "S", -20.15, 57.49],
  ],
  "southern-africa": [
    ["ZADUR", "Durban", "S", -29.87, 31.03], ["ZACPT", "Cape Town", "SA", -33.91, 18.44],
    ["ZAPLZ", "Port Elizabeth", "S", -33.96, 25.63], ["ZAZBA", "Ngqura", "S", -33.8, 25.68],
    ["ZAJNB", "Johannesburg", "A", -26.14, 28.24], ["MZMPM", "Maputo", "S", -25.97, 32.57],
    ["MZBEW", "Beira", "S", -19.83, 34.84], ["NAWVB", "Walvis Bay", "S", -22.95, 14.49],
  ],
  "middle-east": [
    ["AEJEA", "Jebel Ali", "S", 25.01, 55.06], ["AEDXB", "Dubai", "AS", 25.25, 55.36],
    ["AEAUH", "Abu Dhabi", "SA", 24.43, 54.65], ["AEKHL", "Khalifa Port", "S", 24.81, 54.65],
    ["OMSLL", "Salalah", "S", 16.94, 54.0], ["OMSOH", "Sohar", "S", 24.5, 56.62],
    ["SAJED", "Jeddah", "SA", 21.47, 39.17], ["SADMM", "Dammam", "S", 26.5, 50.2],
    ["SARUH", "Riyadh", "A", 24.96, 46.7], ["QAHMD", "Hamad Port", "S", 25.01, 51.6],
    ["QADOH", "Doha", "A", 25.27, 51.61], ["IRBND", "Bandar Abbas", "S", 27.14, 56.06],
  ],
  "south-asia": [
    ["PKKHI", "Karachi", "SA", 24.84, 66.98], ["PKBQM", "Port Qasim", "S", 24.78, 67.35],
    ["INNSA", "Nhava Sheva", "S", 18.95, 72.95], ["INMUN", "Mundra", "S", 22.74, 69.7],
    ["INMAA", "Chennai", "SA", 13.1, 80.3], ["INCCU", "Kolkata", "SA", 22.55, 88.31],
    ["INBOM", "Mumbai", "AS", 19.09, 72.87], ["INDEL", "Delhi", "A", 28.56, 77.1],
    ["INBLR", "Bengaluru", "A", 13.2, 77.71], ["LKCMB", "Colombo", "SA", 6.95, 79.84],
    ["BDCGP", "Chittagong", "S", 22.31, 91.8],
  ],
  "southeast-asia": [
    ["SGSIN", "Singapore", "SA", 1.26, 103.84], ["MYPKG", "Port Klang", "S", 3.0, 101.39],
    ["MYTPP", "Tanjung Pelepas", "S", 1.36, 103.55], ["MYKUL", "Kuala Lumpur", "A", 2.75, 101.71],
    ["THLCH", "Laem Chabang", "S", 13.08, 100.88], ["THBKK", "Bangkok", "SA", 13.69, 100.75],
    ["VNSGN", "Ho Chi Minh City", "SA", 10.77, 106.71], ["VNHPH", "Haiphong", "S", 20.86, 106.68],
    ["VNVUT", "Vung Tau", "S", 10.35, 107.07], ["VNHAN", "Hanoi", "A", 21.22, 105.81],
    ["IDTPP", "Tanjung Priok", "S", -6.1, 106.88], ["IDJKT", "Jakarta", "A", -6.13, 106.66],
    ["IDSUB", "Surabaya", "S", -7.2, 112.73], ["PHMNL", "Manila", "SA", 14.59, 120.97],
    ["KHKOS", "Sihanoukville", "S", 10.64, 103.5], ["MMRGN", "Yangon", "S", 16.77, 96.17],
  ],
  "east-asia": [
    ["CNSHA", "Shanghai", "S", 30.63, 122.07], ["CNNGB", "Ningbo", "S", 29.93, 121.85],
    ["CNYTN", "Yantian", "S", 22.57, 114.27], ["CNSHK", "Shekou", "S", 22.48, 113.91],
    ["CNNSA", "Nansha", "S", 22.75, 113.62], ["CNTAO", "Qingdao", "S", 36.08, 120.3],
    ["CNXMN", "Xiamen", "S", 24.45, 118.07], ["CNTXG", "Tianjin Xingang", "S", 38.97, 117.78],
    ["CNDLC", "Dalian", "S", 38.93, 121.65], ["CNCAN", "Guangzhou", "SA", 23.09, 113.43],
    ["CNPVG", "Shanghai-Pudong", "A", 31.14, 121.81], ["CNPEK", "Beijing", "A", 40.08, 116.58],
    ["CNSZX", "Shenzhen", "A", 22.64, 113.81], ["HKHKG", "Hong Kong", "SA", 22.33, 114.12],
    ["TWKHH", "Kaohsiung", "S", 22.61, 120.28], ["TWTPE", "Taipei", "A", 25.08, 121.23],
    ["KRPUS", "Busan", "S", 35.1, 129.04], ["KRINC", "Incheon", "SA", 37.45, 126.6],
    ["KRSEL", "Seoul", "A", 37.57, 126.98], ["JPTYO", "Tokyo", "SA", 35.62, 139.78],
    ["JPYOK", "Yokohama", "S", 35.45, 139.66], ["JPUKB", "Kobe", "S", 34.68, 135.2],
    ["JPNGO", "Nagoya", "S", 35.05, 136.88], ["JPNRT", "Narita", "A", 35.77, 140.39],
    ["JPOSA", "Osaka", "SA", 34.65, 135.43],
  ],
  oceania: [
    ["AUMEL", "Melbourne", "SA", -37.83, 144.92], ["AUSYD", "Sydney", "SA", -33.96, 151.2],
    ["AUBNE", "Brisbane", "S", -27.38, 153.17], ["NZAKL", "Auckland", "SA", -36.84, 174.77],
    ["NZTRG", "Tauranga", "S", -37.64, 176.18], ["FJSUV", "Suva", "S", -18.13, 178.42],
    ["PGPOM", "Port Moresby", "S", -9.47, 147.15],
  ],
};

/** The table by UN/LOCODE. */
export const KNOWN_PORTS: ReadonlyMap<string, PortInfo> = (() => {
  const ports = new Map<string, PortInfo>();
  for (const [region, rows] of Object.entries(ROWS) as [PortRegion, readonly Row[]][]) {
    for (const [locode, name, kinds, lat, lon] of rows) {
      const all = KIND_MAP[kinds];
      ports.set(locode, { locode, name, country: locode.slice(0, 2), kind: all[0] ?? "seaport", kinds: all, region, lat, lon });
    }
  }
  return ports;
})();
