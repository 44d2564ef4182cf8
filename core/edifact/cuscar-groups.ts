// Reads a CUSCAR message's segments into its segment groups (header, SG4
// transport, SG5 equipment, SG7 consignments with SG14 goods items), keeping
// every value's segment so a business error can point at it. Groups are told
// apart by their trigger segments (TDT, EQD, CNI, GID), as the branching
// diagram does; segments a unit does not use (TSR, DGS, PCI...) are skipped.
import { componentOf, type Segment } from "./edifact-syntax.js";

export interface Equipment {
  segment: Segment;
  number: string;
  sizeType: string;
  /** 8169: 4 empty, 5 full groupage, 7 LCL, 8 FCL. */
  fullEmpty: string;
  seals: Segment[];
  measures: Segment[];
}

export interface GoodsItem {
  segment: Segment;
  descriptions: Segment[];
  measures: Segment[];
  placements: Segment[];
  tariffs: Segment[];
}

export interface Consignment {
  segment: Segment;
  references: Segment[];
  locations: Segment[];
  parties: Segment[];
  measures: Segment[];
  goods: GoodsItem[];
}

export interface CuscarGroups {
  bgm: Segment | undefined;
  /** Header and SG1 references (RFF) plus SG4 ones: voyage numbers, IMO numbers in national guides. */
  references: Segment[];
  headerDates: Segment[];
  carriers: Segment[];
  transports: { tdt: Segment; locations: Segment[]; dates: Segment[] }[];
  /** LOC and DTM outside any TDT group (some guides put the voyage's places in the header). */
  headerLocations: Segment[];
  equipment: Equipment[];
  consignments: Consignment[];
}

export const value = (segment: Segment | undefined, element: number, component = 1): string =>
  (componentOf(segment?.elements[element - 1], component - 1) ?? "").trim();

export function readGroups(segments: readonly Segment[]): CuscarGroups {
  const groups: CuscarGroups = { bgm: undefined, references: [], headerDates: [], carriers: [], transports: [], headerLocations: [], equipment: [], consignments: [] };
  let transport: CuscarGroups["transports"][number] | undefined;
  let equipment: Equipment | undefined;
  let consignment: Consignment | undefined;
  let goods: GoodsItem | undefined;
  for (const segment of segments) {
    switch (segment.tag) {
      case "BGM":
        groups.bgm ??= segment;
        break;
      case "TDT":
        transport = { tdt: segment, locations: [], dates: [] };
        groups.transports.push(transport);
        equipment = consignment = goods = undefined;
        break;
      case "EQD":
        equipment = { segment, number: value(segment, 2).toUpperCase().replace(/[\s-]/g, ""), sizeType: value(segment, 3).toUpperCase(), fullEmpty: value(segment, 6), seals: [], measures: [] };
        groups.equipment.push(equipment);
        transport = consignment = goods = undefined;
        break;
      case "CNI":
        consignment = { segment, references: [], locations: [], parties: [], measures: [], goods: [] };
        groups.consignments.push(consignment);
        transport = equipment = goods = undefined;
        break;
      case "GID":
        if (!consignment) break;
        goods = { segment, descriptions: [], measures: [], placements: [], tariffs: [] };
        consignment.goods.push(goods);
        break;
      case "LOC":
        (consignment?.locations ?? transport?.locations ?? groups.headerLocations).push(segment);
        break;
      case "DTM":
        if (transport) transport.dates.push(segment);
        else if (!consignment && !equipment) groups.headerDates.push(segment);
        break;
      case "RFF":
        (consignment?.references ?? groups.references).push(segment);
        break;
      case "NAD":
        if (consignment) consignment.parties.push(segment);
        else if (!equipment) groups.carriers.push(segment);
        break;
      case "MEA":
        (goods?.measures ?? consignment?.measures ?? equipment?.measures)?.push(segment);
        break;
      case "SEL":
        equipment?.seals.push(segment);
        break;
      case "FTX":
        goods?.descriptions.push(segment);
        break;
      case "SGP":
        goods?.placements.push(segment);
        break;
      case "CST":
        goods?.tariffs.push(segment);
        break;
      default:
        break;
    }
  }
  return groups;
}
